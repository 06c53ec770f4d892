/**
 * Hydrators turn a trigger's dehydrated pointer into the whole record when — and only when — a later
 * Zap step uses it: ONE GET per record, with the include set the client names for that resource.
 */
import type { Bundle, ZObject } from 'zapier-platform-core';
import { getInvoice, getJob, getUnit, getUnitRental, getUser } from './client';
import { customerOutput, invoiceOutput, jobOutput, unitOutput, unitRentalOutput } from './outputs';

type Pointer = { id: string };

const idOf = (z: ZObject, bundle: Bundle, what: string): string => {
  const id = (bundle.inputData as Partial<Pointer>).id;
  if (typeof id !== 'string' || !id) throw new z.errors.Error(`The event carried no ${what} id to look up.`, 'missing_id');
  return id;
};

export const hydrateJob = async (z: ZObject, bundle: Bundle) => jobOutput(await getJob(z, bundle, idOf(z, bundle, 'job')));

export const hydrateUnitRental = async (z: ZObject, bundle: Bundle) =>
  unitRentalOutput(await getUnitRental(z, bundle, idOf(z, bundle, 'unit rental')));

export const hydrateInvoice = async (z: ZObject, bundle: Bundle) =>
  invoiceOutput(await getInvoice(z, bundle, idOf(z, bundle, 'invoice')));

export const hydrateCustomer = async (z: ZObject, bundle: Bundle) =>
  customerOutput(await getUser(z, bundle, idOf(z, bundle, 'customer')));

export const hydrateUnit = async (z: ZObject, bundle: Bundle) => unitOutput(await getUnit(z, bundle, idOf(z, bundle, 'unit')));

/** Registered in the app as `hydrators`; z.dehydrate only accepts functions listed here. */
export default {
  job: hydrateJob,
  unitRental: hydrateUnitRental,
  invoice: hydrateInvoice,
  customer: hydrateCustomer,
  unit: hydrateUnit,
};
