/** Every action (create) of the app. */
import addInvoicePayment from './add-invoice-payment';
import addUnitRentalCharge from './add-unit-rental-charge';
import apiRequest from './api-request';
import completeJobStep from './complete-job-step';
import createCustomer from './create-customer';
import createTask from './create-task';
import markInvoicePaid from './mark-invoice-paid';
import updateCustomFields from './update-custom-fields';
import updateCustomer from './update-customer';

export const creates = {
  [addUnitRentalCharge.key]: addUnitRentalCharge,
  [createTask.key]: createTask,
  [addInvoicePayment.key]: addInvoicePayment,
  [markInvoicePaid.key]: markInvoicePaid,
  [updateCustomFields.key]: updateCustomFields,
  [completeJobStep.key]: completeJobStep,
  [createCustomer.key]: createCustomer,
  [updateCustomer.key]: updateCustomer,
  [apiRequest.key]: apiRequest,
};
