/** Wraps a store so a test can take it "down": every call then fails like a lost connection. */
import { QuizError } from '../../src/core/errors.ts';
import type { Store } from '../../src/ports/store.ts';

export function flakyStore(inner: Store): { store: Store; setDown(down: boolean): void } {
  let down = false;
  const store = new Proxy(inner, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver);
      if (typeof value !== 'function') return value;
      return async (...args: unknown[]) => {
        if (down) throw new QuizError('store-unavailable', `Connection is closed. (store.${String(property)})`);
        return (value as (...a: unknown[]) => Promise<unknown>).apply(target, args);
      };
    },
  });
  return { store, setDown: (d) => (down = d) };
}
