/** Hidden triggers that feed dynamic dropdowns (sites, units, unit rentals, predefined charges, job steps). */
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
};
