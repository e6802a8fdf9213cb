// Recreates the offline demo's own database and prints its URL (npm start, fake mode).
// The fakes make up their items with the same ids on every run, so their data must never meet real
// data, nor the previous run's: the demo gets `<PG_DB>_demo`, dropped and created again each time.
// Reads PG_USER, PG_PASSWORD, PG_HOST_LOCAL, PG_PORT_HOST and PG_DB from the environment (.env,
// sourced by start.sh); the user is the local cluster's superuser.
'use strict';
const { Client } = require('pg');

async function main() {
  const env = process.env;
  for (const name of ['PG_USER', 'PG_PASSWORD', 'PG_HOST_LOCAL', 'PG_PORT_HOST', 'PG_DB']) {
    if (!env[name]) throw new Error(`${name} is not set (it comes from .env)`);
  }
  const demo = `${env.PG_DB}_demo`;
  if (!/^[a-z_][a-z0-9_]*$/.test(demo)) throw new Error(`PG_DB must be a lower-case identifier for the demo database name, got ${env.PG_DB}`);
  const url = (db) =>
    `postgres://${encodeURIComponent(env.PG_USER)}:${encodeURIComponent(env.PG_PASSWORD)}@${env.PG_HOST_LOCAL}:${env.PG_PORT_HOST}/${encodeURIComponent(db)}`;
  const client = new Client({ connectionString: url(env.PG_DB) });
  await client.connect();
  try {
    await client.query(`drop database if exists "${demo}" with (force)`);
    await client.query(`create database "${demo}"`);
  } finally {
    await client.end();
  }
  process.stdout.write(`${url(demo)}\n`);
}

main().catch((error) => {
  process.stderr.write(`[start] could not recreate the demo database: ${error.message}\n`);
  process.exit(1);
});
