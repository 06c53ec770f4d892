/** Every action (create) of the app. */
export const creates = {};
