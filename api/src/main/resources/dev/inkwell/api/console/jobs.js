// Following a background job: GET /api/jobs/{id} until it ends.
import { api } from './api.js';

/** Polls the job every 400 ms, calling onUpdate with each answer; resolves to the final job. */
export async function follow(id, onUpdate) {
  for (;;) {
    const job = (await api('GET', `/api/jobs/${encodeURIComponent(id)}`)).body;
    onUpdate(job);
    if (['succeeded', 'failed', 'deleted'].includes(job.state)) return job;
    await new Promise(r => setTimeout(r, 400));
  }
}
