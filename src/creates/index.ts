/** Every action (create) of the app. */
import addInvoicePayment from './add-invoice-payment';
import addUnitRentalCharge from './add-unit-rental-charge';
import createCustomer from './create-customer';
import markInvoicePaid from './mark-invoice-paid';
import updateCustomer from './update-customer';

export const creates = {
  [addUnitRentalCharge.key]: addUnitRentalCharge,
  [addInvoicePayment.key]: addInvoicePayment,
  [markInvoicePaid.key]: markInvoicePaid,
  [createCustomer.key]: createCustomer,
  [updateCustomer.key]: updateCustomer,
};
