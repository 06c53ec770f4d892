/** Every search of the app, and the search-or-create pairs built on them. */
export const searches = {};
export const searchOrCreates = {};
