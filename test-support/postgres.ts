// A throw-away PostgreSQL cluster for tests: Debian's binaries
// (/usr/lib/postgresql/<version>/bin, newest found), a fresh data directory in
// a temp dir, a free loopback port, trust authentication. initdb refuses to run
// as root, so when the tests run as root the cluster belongs to the `postgres`
// user. Each test makes its own database with `createDatabase()`; `stop()`
// (also run on process exit) stops the cluster and deletes every file.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

export interface PostgresCluster {
  /** Loopback port the server listens on. */
  port: number;
  /** `postgres://postgres@127.0.0.1:<port>/<database>` */
  url: (database?: string) => string;
  /** Creates a new, empty database and returns its connection URL. */
  createDatabase: (name?: string) => Promise<string>;
  /** Stops the server (immediate mode) and removes its directory. */
  stop: () => Promise<void>;
}

/** The newest `/usr/lib/postgresql/<version>/bin` that has initdb and pg_ctl. */
export function findPostgresBin(root = '/usr/lib/postgresql'): string {
  const versions = existsSync(root)
    ? readdirSync(root)
        .filter((name) => /^\d+(\.\d+)?$/.test(name))
        .filter((name) => existsSync(join(root, name, 'bin', 'initdb')))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  if (versions.length === 0) {
    throw new Error(
      `PostgreSQL binaries not found under ${root}/<version>/bin: install them (apt-get install -y postgresql)`,
    );
  }
  return join(root, versions[0]!, 'bin');
}

/** The account that runs the cluster: `postgres` when we are root, else ourselves. */
function clusterOwner(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres']).toString().trim());
  try {
    return { uid: id('-u'), gid: id('-g') };
  } catch {
    throw new Error(
      'initdb refuses root and there is no `postgres` user (apt-get install -y postgresql)',
    );
  }
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no free port');
  return address.port;
}

function run(
  file: string,
  args: string[],
  owner: { uid: number; gid: number } | undefined,
  cwd: string,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, {
      cwd,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin', LANG: 'C.UTF-8', LC_ALL: 'C.UTF-8' },
      ...owner,
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk));
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0
        ? resolve()
        : reject(new Error(`${file} ${args.join(' ')} exited ${code}:\n${output}`)),
    );
  });
}

let databases = 0;

export async function startPostgres(): Promise<PostgresCluster> {
  const bin = findPostgresBin();
  const owner = clusterOwner();
  const dir = mkdtempSync(join(tmpdir(), 'chat-widget-pg-'));
  if (owner) chownSync(dir, owner.uid, owner.gid);
  const data = join(dir, 'data');
  const log = join(dir, 'server.log');
  const pgCtl = join(bin, 'pg_ctl');
  const stopSync = () => {
    if (existsSync(join(data, 'postmaster.pid'))) {
      spawnSync(pgCtl, ['stop', '-D', data, '-m', 'immediate', '-w'], { cwd: dir, ...owner });
    }
    rmSync(dir, { recursive: true, force: true });
  };
  process.once('exit', stopSync);

  let port = 0;
  try {
    await run(
      join(bin, 'initdb'),
      [
        '-D',
        data,
        '-U',
        'postgres',
        '--auth=trust',
        '-E',
        'UTF8',
        '--no-sync',
        '--no-instructions',
      ],
      owner,
      dir,
    );
    // A port can be taken between freePort() and the server's bind: retry.
    for (let attempt = 1; ; attempt++) {
      port = await freePort();
      const settings = [
        `-p ${port}`,
        '-c listen_addresses=127.0.0.1',
        `-c unix_socket_directories=${dir}`,
        '-c fsync=off',
        '-c synchronous_commit=off',
        '-c full_page_writes=off',
        '-c max_connections=200',
      ].join(' ');
      try {
        await run(
          pgCtl,
          ['start', '-D', data, '-l', log, '-w', '-t', '60', '-o', settings],
          owner,
          dir,
        );
        break;
      } catch (error) {
        const serverLog = existsSync(log) ? readFileSync(log, 'utf8') : '';
        if (attempt >= 3 || !/address already in use/i.test(serverLog)) {
          throw new Error(`${(error as Error).message}\n${serverLog}`);
        }
      }
    }
  } catch (error) {
    stopSync();
    process.removeListener('exit', stopSync);
    throw error;
  }

  const url = (database = 'postgres') => `postgres://postgres@127.0.0.1:${port}/${database}`;
  return {
    port,
    url,
    async createDatabase(name = `test_${process.pid}_${++databases}`) {
      if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new TypeError(`bad database name ${name}`);
      const client = new pg.Client({ connectionString: url() });
      await client.connect();
      try {
        await client.query(`CREATE DATABASE ${name}`);
      } finally {
        await client.end();
      }
      return url(name);
    },
    async stop() {
      process.removeListener('exit', stopSync);
      if (existsSync(join(data, 'postmaster.pid'))) {
        await run(pgCtl, ['stop', '-D', data, '-m', 'immediate', '-w'], owner, dir).catch(() => {});
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
