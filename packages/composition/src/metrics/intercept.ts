/**
 * A view of `inner` where the members named in `overrides` are replaced and every other member is
 * `inner`'s own (methods bound to it, so private fields keep working). Decorators use it instead of
 * restating every port member: when a port grows a member (a queue's `stats`, an adapter's
 * `close`), the decorated port forwards it without a change here.
 */
export const intercept = <T extends object>(inner: T, overrides: Partial<T>): T =>
  new Proxy(inner, {
    get(target, property) {
      if (Object.hasOwn(overrides, property)) return overrides[property as keyof T];
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
