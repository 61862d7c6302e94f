// The personal-data guard around every form submission. Each form's own check refuses an identity number
// in the fields it reads (identityNumberErrors seeds every form's field errors), which shows the form again
// with everything typed and a message under the field. Here, in the one place every submission passes, the
// guard is applied to every submitted value once more: its messages join the form's, and while a value holds
// an identity number the use case gets a store that refuses every write but drafts (which are masked), so a
// form whose check misses a field stores nothing even then.
import type { FieldErrors, FormValues, Reply } from '../events.js';
import type { Store } from '../ports.js';
import type { Dependencies, GroupContext } from './context.js';
import { identityNumberErrors } from './form-checks.js';
import { notice } from './show-help.js';

type FormHandler = (deps: Dependencies, context: GroupContext, values: FormValues) => Promise<Reply>;

class WriteRefused extends Error {
  constructor(what: string) {
    super(`not stored: ${what} while a submitted value holds an identity number`);
  }
}

/** Reading needs no guard; every other store call writes. */
const READ = /^(get|list|find|ping)/;

/** `store` for reading (and for masked drafts) only: every other call is refused with WriteRefused. */
function readOnly(store: Store): Store {
  return new Proxy(store, {
    get(target, property) {
      const value: unknown = Reflect.get(target, property, target);
      if (property === 'transaction') {
        return <R>(fn: (tx: Store) => Promise<R>) => target.transaction((tx) => fn(readOnly(tx)));
      }
      if (typeof value === 'function') return value.bind(target);
      if (property === 'formDrafts' || typeof value !== 'object' || value === null) return value;
      return new Proxy(value, {
        get(repository, method) {
          const call: unknown = Reflect.get(repository, method, repository);
          if (typeof call !== 'function') return call;
          if (READ.test(String(method))) return call.bind(repository);
          return () => Promise.reject(new WriteRefused(`${String(property)}.${String(method)}`));
        },
      });
    },
  });
}

export async function submitGuarded(handler: FormHandler, deps: Dependencies, context: GroupContext, values: FormValues): Promise<Reply> {
  const refused: FieldErrors = identityNumberErrors(context.t, values);
  if (Object.keys(refused).length === 0) return handler(deps, context, values);
  try {
    const reply = await handler({ ...deps, store: readOnly(deps.store) }, context, values);
    return reply.kind === 'form-errors' ? { ...reply, errors: { ...refused, ...reply.errors } } : reply;
  } catch (error) {
    if (error instanceof WriteRefused) return notice(context.t, context.t.reports.errors.identityNumberNotStored);
    throw error;
  }
}
