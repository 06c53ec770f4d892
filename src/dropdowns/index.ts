/** Hidden triggers that feed dynamic dropdowns (sites, unit rentals, predefined charges…). */
export const dropdowns = {};
