/** Hidden triggers that feed dynamic dropdowns (sites, unit rentals, predefined charges). */
import predefinedChargeList from './predefined-charges';
import siteList from './sites';
import unitRentalList from './unit-rentals';

export const dropdowns = {
  [siteList.key]: siteList,
  [unitRentalList.key]: unitRentalList,
  [predefinedChargeList.key]: predefinedChargeList,
};
