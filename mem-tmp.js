process.env.NODE_ENV='test';
const pc = require('/work/wt/triggers/dist/sandbox/perform-cost.js');
const { createAppTester } = require('/work/wt/triggers/node_modules/zapier-platform-core');
const App = require('/work/wt/triggers/dist/index.js').default;
const mode = process.argv[2];
(async () => {
  const server = pc.serveInProcess();
  const t = createAppTester(App);
  const perform = App.triggers[mode === 'cust' ? 'new_customer' : 'new_move_in'].operation.perform;
  const fixed = pc.delivery('job.unit_moveIn.created', { jobId: 'job_1' });
  let h0;
  for (let i = 0; i < 300; i++) {
    const b = mode === 'repeat' ? fixed : mode === 'cust' ? pc.delivery('user.created', { userId: 'usr_1' }) : mode === 'nosub' ? { ...pc.delivery('job.unit_moveIn.created', { jobId: 'job_1' }), subscribeData: undefined } : pc.delivery('job.unit_moveIn.created', { jobId: 'job_1' });
    await t(perform, b);
    if (i === 50) { global.gc(); h0 = process.memoryUsage().heapUsed; }
  }
  global.gc(); console.error(mode, 'KB per call', Math.round((process.memoryUsage().heapUsed - h0) / 250 / 1e3));
  server.stop();
})();
