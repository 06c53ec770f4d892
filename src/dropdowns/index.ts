/**
 * Hidden triggers that feed dynamic dropdowns: event types, sites, units, unit rentals, customers,
 * invoices, jobs, charges, steps.
 */
import customFieldRecordList from './custom-field-records';
import customerList from './customers';
import eventTypeList from './event-types';
import invoiceList from './invoices';
import jobList from './jobs';
import jobStepList from './job-steps';
import predefinedChargeList from './predefined-charges';
import siteList from './sites';
import unitRentalList from './unit-rentals';
import unitList from './units';

export const dropdowns = {
  [siteList.key]: siteList,
  [unitRentalList.key]: unitRentalList,
  [predefinedChargeList.key]: predefinedChargeList,
  [unitList.key]: unitList,
  [jobStepList.key]: jobStepList,
  [customerList.key]: customerList,
  [invoiceList.key]: invoiceList,
  [jobList.key]: jobList,
  [customFieldRecordList.key]: customFieldRecordList,
  [eventTypeList.key]: eventTypeList,
};
