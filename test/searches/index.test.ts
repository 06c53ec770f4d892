import { samples } from '../../src/records/samples';
import { App } from '../helpers';

/** The app as plain data, so tests can index operations by key. */
const app: Record<string, any> = App;

describe('search samples are the shared realistic records', () => {
  test.each([
    ['find_job', 'job'],
    ['find_unit_rental', 'unitRental'],
    ['find_customer', 'customer'],
    ['find_invoice', 'invoice'],
  ] as const)('%s sample is samples.%s (built by the same output function as live results)', (key, kind) => {
    expect(app.searches[key].operation.sample).toEqual(samples[kind]);
  });
});
