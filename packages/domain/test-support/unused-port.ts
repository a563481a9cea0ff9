/**
 * A port a test passes only for its presence (it switches a feature on): using any member of it
 * fails the test with the member's name.
 */
export const unusedPort = <T extends object>(name: string): T =>
  new Proxy({} as T, {
    get(_target, member) {
      throw new Error(`${name}.${String(member)} was used, but this test only passes it to switch a feature on`);
    },
  });
