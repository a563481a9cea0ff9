import { InMemoryIdentityProvider } from '@docent/adapters-inmemory';
import { describe, expect, it } from 'vitest';
import { RegisterUser } from './register-user.ts';

const identity = () => new InMemoryIdentityProvider({ scrypt: { N: 1024, r: 8, p: 1 } });

describe('RegisterUser', () => {
  it('creates the account under the normalised email', async () => {
    const provider = identity();
    await expect(
      new RegisterUser({ identity: provider }).execute({ email: ' Ada@Example.ORG ', password: 'Passw0rdX' }),
    ).resolves.toBeUndefined();
    const session = await provider.login('ada@example.org', 'Passw0rdX');
    expect(session.user.email).toBe('ada@example.org');
  });

  it('rejects a malformed email before the password', async () => {
    await expect(
      new RegisterUser({ identity: identity() }).execute({ email: '<script>@x.com', password: 'x' }),
    ).rejects.toMatchObject({ code: 'validation_failed' });
  });

  it('rejects a weak password, naming what is missing, and creates nothing', async () => {
    const provider = identity();
    await expect(
      new RegisterUser({ identity: provider }).execute({ email: 'ada@example.org', password: 'password' }),
    ).rejects.toMatchObject({ code: 'weak_password', details: { missing: ['an upper-case letter', 'a digit'] } });
    await expect(provider.login('ada@example.org', 'password')).rejects.toMatchObject({ code: 'invalid_credentials' });
  });

  it('answers a taken email, whatever its case, as a new one and leaves the account as it was', async () => {
    const provider = identity();
    const register = new RegisterUser({ identity: provider });
    await register.execute({ email: 'ada@example.org', password: 'Passw0rdX' });
    await expect(register.execute({ email: 'ADA@example.org', password: 'Passw0rdY' })).resolves.toBeUndefined();
    await expect(provider.login('ada@example.org', 'Passw0rdY')).rejects.toMatchObject({
      code: 'invalid_credentials',
    });
    await expect(provider.login('ada@example.org', 'Passw0rdX')).resolves.toMatchObject({
      user: { email: 'ada@example.org' },
    });
  });

  it('passes on failures other than a taken email', async () => {
    const failing = identity();
    failing.register = async () => {
      throw Object.assign(new Error('down'), { code: 'unavailable' });
    };
    await expect(
      new RegisterUser({ identity: failing }).execute({ email: 'ada@example.org', password: 'Passw0rdX' }),
    ).rejects.toThrow('down');
  });
});
