/**
 * "Latest request wins" for a store's loads: answers may cross when filters change quickly, and an older answer
 * must not replace the one a newer request brought. `run(call)` answers the call's result, or `undefined` when a
 * newer `run` started meanwhile (the caller then keeps what it has).
 */
export function latestRequest() {
  let latest = 0;
  return async function run<T>(call: () => Promise<T>): Promise<T | undefined> {
    const request = ++latest;
    const answer = await call();
    return request === latest ? answer : undefined;
  };
}
