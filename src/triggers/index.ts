/** Every visible trigger of the app (instant triggers generated from the event catalog, etc.). */
export const triggers = {};
