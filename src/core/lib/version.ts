/** Kept equal to package.json's version by a test; importing package.json would cost start-up time. */
export const VERSION = '0.1.0';
