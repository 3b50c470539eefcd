/** The version the API, the health check and the CLI report. */
export const VERSION = '0.1.0';
