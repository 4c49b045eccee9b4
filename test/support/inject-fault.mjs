/**
 * Test-only preload for the real bot process (`NODE_OPTIONS=--import <this file>`): each SIGUSR2
 * raises the next fault listed in QUIZTHREAD_TEST_FAULTS (comma-separated: `rejection`,
 * `exception`, `corrupt`), the way a library's stray rejection or a broken invariant would, so
 * tests can watch the process guard handle them. Plain JavaScript: it loads before tsx does.
 */
import assert from 'node:assert';

const faults = (process.env.QUIZTHREAD_TEST_FAULTS ?? '').split(',').filter(Boolean);

process.on('SIGUSR2', () => {
  const fault = faults.shift();
  if (fault === 'rejection') {
    // What @slack/socket-mode's reconnect chain rejected with in issue 19.
    void Promise.reject(
      Object.assign(new Error('A request error occurred: fetch failed'), { code: 'slack_webapi_request_error' }),
    );
  } else if (fault === 'exception') {
    setImmediate(() => {
      throw new Error('a listener threw from a timer');
    });
  } else if (fault === 'corrupt') {
    setImmediate(() => assert.ok(false, 'round table out of step with its leases'));
  }
});
