/**
 * Loaded into the app's process with `node --import` by the process-guard test, to stand for a defect the app does
 * not know about yet: on SIGUSR2 a promise is rejected and nothing handles it; on SIGHUP an exception is thrown
 * past every handler. Nothing in the app knows about this module.
 */
process.on('SIGUSR2', () => {
  void Promise.reject(new Error('a rejection that nothing handles'));
});
process.on('SIGHUP', () => {
  throw new Error('an exception that nothing catches');
});
