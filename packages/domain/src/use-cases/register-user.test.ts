import { InMemoryIdentityProvider } from '@docent/adapters-inmemory';
import { describe, expect, it } from 'vitest';
import { RegisterUser } from './register-user.ts';

const identity = () => new InMemoryIdentityProvider({ scrypt: { N: 1024, r: 8, p: 1 } });

describe('RegisterUser', () => {
  it('creates the account under the normalised email', async () => {
    const provider = identity();
    const user = await new RegisterUser({ identity: provider }).execute({
      email: ' Ada@Example.ORG ',
      password: 'Passw0rdX',
    });
    expect(user.email).toBe('ada@example.org');
    expect(await provider.getUser(user.id)).toEqual(user);
  });

  it('rejects a malformed email before the password', async () => {
    await expect(
      new RegisterUser({ identity: identity() }).execute({ email: 'ada', password: 'x' }),
    ).rejects.toMatchObject({
      code: 'validation_failed',
    });
  });

  it('rejects a weak password, naming what is missing, and creates nothing', async () => {
    const provider = identity();
    await expect(
      new RegisterUser({ identity: provider }).execute({ email: 'ada@example.org', password: 'password' }),
    ).rejects.toMatchObject({ code: 'weak_password', details: { missing: ['an upper-case letter', 'a digit'] } });
    await expect(provider.login('ada@example.org', 'password')).rejects.toMatchObject({ code: 'invalid_credentials' });
  });

  it('reports a taken email whatever its case', async () => {
    const register = new RegisterUser({ identity: identity() });
    await register.execute({ email: 'ada@example.org', password: 'Passw0rdX' });
    await expect(register.execute({ email: 'ADA@example.org', password: 'Passw0rdY' })).rejects.toMatchObject({
      code: 'email_taken',
    });
  });
});
