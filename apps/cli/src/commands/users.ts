import { once } from 'node:events';
import { createInterface } from 'node:readline';
import type { DocentClient } from '../client/docent-client.ts';
import { formatTable, type Terminal } from '../output/terminal.ts';

/** The password: the first line of stdin (piped, or typed after a prompt on a terminal). */
const readPassword = async (terminal: Terminal): Promise<string> => {
  if (process.stdin.isTTY) terminal.note('Password (at least 10 characters):');
  const lines = createInterface({ input: process.stdin });
  const [line] = (await Promise.race([once(lines, 'line'), once(lines, 'close').then(() => [''])])) as [string];
  lines.close();
  return line;
};

/** `docent users add <email>`: an account that signs in to the web app and API with a password. */
export const addUser = async (client: DocentClient, terminal: Terminal, email: string): Promise<number> => {
  const password = await readPassword(terminal);
  await client.addUser(email, password);
  if (terminal.json) terminal.printJson({ added: email });
  else terminal.out(`Added ${email}: sign in with this email and password.`);
  return 0;
};

/** `docent users list`: every account of the embedded store (the `ListUsers` use case), by email. */
export const listUsers = async (client: DocentClient, terminal: Terminal): Promise<number> => {
  const users = await client.listUsers();
  if (terminal.json) terminal.printJson({ users });
  else
    terminal.out(
      formatTable(
        ['ID', 'EMAIL', 'CREATED'],
        users.map((u) => [u.id, u.email, u.createdAt]),
      ),
    );
  return 0;
};
