import { describe, expect, it } from 'vitest';
import { createWorld } from '../../test-support/in-memory-world.ts';

describe('AddUser, ListUsers and FindUser', () => {
  it('adds accounts with and without a password, lists them by email and finds one by its typed email', async () => {
    const { useCases } = createWorld();
    const { addUser, listUsers, findUser } = useCases;
    if (addUser === undefined || listUsers === undefined || findUser === undefined) throw new Error('not wired');

    const zoe = await addUser.execute({ email: ' Zoe@Example.org ', password: 'Passw0rd!long' });
    const local = await addUser.execute({ email: 'local@example.org' });

    expect(zoe.email).toBe('zoe@example.org');
    expect(await listUsers.execute()).toEqual([local, zoe]);
    expect(await findUser.execute({ email: 'ZOE@example.org' })).toEqual(zoe);
    expect(await findUser.execute({ email: 'nobody@example.org' })).toBeNull();
    await expect(
      useCases.logIn.execute({ email: 'zoe@example.org', password: 'Passw0rd!long' }),
    ).resolves.toMatchObject({ user: zoe });
  });

  it('says when the email is taken, checks the password policy and the email’s shape', async () => {
    const { useCases } = createWorld();
    const addUser = useCases.addUser;
    if (addUser === undefined) throw new Error('not wired');
    await addUser.execute({ email: 'ann@example.org' });
    await expect(addUser.execute({ email: 'ANN@example.org' })).rejects.toMatchObject({ code: 'email_taken' });
    await expect(addUser.execute({ email: 'ann@example.org', password: 'Passw0rd!long' })).rejects.toMatchObject({
      code: 'email_taken',
    });
    await expect(addUser.execute({ email: 'bob@example.org', password: 'short' })).rejects.toMatchObject({
      code: 'weak_password',
    });
    await expect(addUser.execute({ email: 'not an email' })).rejects.toMatchObject({ code: 'validation_failed' });
  });
});
