// The Dockerfile and compose.yaml, read as text and YAML (no image can be pulled here): the final stage
// installs production dependencies only, runs as a non-root user, checks /healthz and starts the compiled
// bot; compose runs PostgreSQL and two bot instances on one database behind one port; every variable they set
// is one src/config.ts reads.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { CONFIG_VARIABLES, loadConfig } from '../../src/config.js';

const root = resolve(import.meta.dirname, '../..');
const packageJson = JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8')) as { scripts: Record<string, string>; engines: { node: string } };

interface Instruction {
  keyword: string;
  args: string;
}

/** Instructions per stage: continuation lines joined, comments dropped. */
function parseDockerfile(text: string): { name: string | null; from: string; instructions: Instruction[] }[] {
  const logical = text
    .replace(/\\\r?\n/g, ' ')
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
  const stages: { name: string | null; from: string; instructions: Instruction[] }[] = [];
  const args = new Map<string, string>();
  for (const line of logical) {
    const [, keyword, rest] = /^(\S+)\s+(.*)$/.exec(line) ?? [];
    const instruction = { keyword: keyword!.toUpperCase(), args: rest!.replace(/\s+/g, ' ') };
    if (instruction.keyword === 'ARG' && stages.length === 0) {
      const [name, value] = instruction.args.split('=');
      args.set(name!, value ?? '');
      continue;
    }
    if (instruction.keyword === 'FROM') {
      const [image, , name] = instruction.args.split(' ');
      stages.push({ from: image!.replace(/\$\{(\w+)\}/g, (_, arg: string) => args.get(arg) ?? ''), name: name ?? null, instructions: [] });
      continue;
    }
    stages.at(-1)!.instructions.push(instruction);
  }
  return stages;
}

const stages = parseDockerfile(readFileSync(resolve(root, 'Dockerfile'), 'utf8'));
const final = stages.at(-1)!;
const finalOf = (keyword: string) => final.instructions.filter((instruction) => instruction.keyword === keyword);
const execForm = (args: string) => JSON.parse(args) as string[];

describe('Dockerfile', () => {
  it('is multi-stage on a supported Node LTS slim image (22 or 24)', () => {
    expect(stages.length).toBeGreaterThanOrEqual(2);
    for (const stage of stages) expect(stage.from).toMatch(/^node:(22|24)(\.\d+)*-(bookworm|trixie)-slim$/);
  });

  it('installs only production dependencies in the final stage, and builds in an earlier one', () => {
    const runs = finalOf('RUN').map((instruction) => instruction.args).join('\n');
    expect(runs).toMatch(/npm ci --omit=dev/);
    expect(runs).not.toMatch(/npm (ci|install)(?![^&]*--omit=dev)/);
    expect(stages.slice(0, -1).some((stage) => stage.instructions.some((instruction) => instruction.keyword === 'RUN' && instruction.args.includes('npm run build')))).toBe(true);
    const copies = finalOf('COPY').map((instruction) => instruction.args);
    expect(copies).toContain(`--from=${stages[0]!.name} /app/build ./build`);
  });

  it('runs as a non-root user, from the compiled bot with npm start\'s flags', () => {
    const users = finalOf('USER');
    expect(users).toHaveLength(1);
    expect(users[0]!.args).not.toMatch(/^(root|0)(:|$)/);
    const [entrypoint] = finalOf('ENTRYPOINT');
    const command = execForm(entrypoint!.args);
    expect(command.at(-1)).toBe('build/main.js');
    // The same node command as `npm start` (which migrates at start, as the container does).
    expect(`${command.join(' ')}`).toBe(packageJson.scripts.start!);
    expect(finalOf('CMD')).toEqual([]);
    expect(finalOf('WORKDIR').at(-1)!.args).toBe('/app');
  });

  it('has a HEALTHCHECK on /healthz on the configured port', () => {
    const [healthcheck] = finalOf('HEALTHCHECK');
    expect(healthcheck!.args).toMatch(/^--interval=\S+ --timeout=\S+ --start-period=\S+ --retries=\d+ CMD \[/);
    const command = execForm(healthcheck!.args.slice(healthcheck!.args.indexOf('CMD ') + 4));
    expect(command.slice(0, 2)).toEqual(['node', '-e']);
    expect(command[2]).toContain("'/healthz'");
    expect(command[2]).toContain('process.env.PORT');
  });

  it('sets only variables src/config.ts reads, and a configuration the bot accepts', () => {
    const env = Object.fromEntries(
      finalOf('ENV')
        .flatMap((instruction) => [...instruction.args.matchAll(/(\w+)=(\S+)/g)])
        .map((match) => [match[1]!, match[2]!]),
    );
    const own = Object.keys(env).filter((name) => !['NODE_ENV', 'CHECKPOINT_DISABLE'].includes(name));
    for (const name of own) expect(CONFIG_VARIABLES, name).toContain(name);
    expect(env).toMatchObject({ HOST: '0.0.0.0', PORT: '3978' });
    // HOST 0.0.0.0 needs a Microsoft app id and then PUBLIC_BASE_URL: as the README's docker run has them.
    expect(loadConfig({ ...env, MICROSOFT_APP_ID: 'x', MICROSOFT_APP_PASSWORD: 'y', PUBLIC_BASE_URL: 'https://bot.example.se' }).PORT).toBe(3978);
    expect(finalOf('EXPOSE')[0]!.args).toBe(env.PORT);
  });
});

describe('compose.yaml', () => {
  const compose = parse(readFileSync(resolve(root, 'compose.yaml'), 'utf8'), { merge: true }) as { services: Record<string, any> };
  const bots = Object.entries(compose.services).filter(([, service]) => service.build === '.');

  it('runs PostgreSQL and two bot instances from this Dockerfile, started once PostgreSQL is healthy', () => {
    expect(compose.services.postgres.image).toMatch(/^postgres:\d+/);
    expect(compose.services.postgres.healthcheck.test).toContain('pg_isready');
    expect(bots.map(([name]) => name)).toEqual(['bot-1', 'bot-2']);
    for (const [, bot] of bots) {
      expect(bot.depends_on.postgres.condition).toBe('service_healthy');
      expect(bot.ports, 'instances are reached through the proxy only').toBeUndefined();
      // Longer than the bot's own bound, so docker stop does not cut a graceful stop short.
      expect(Number.parseInt(bot.stop_grace_period, 10)).toBeGreaterThan(Number(bot.environment.SHUTDOWN_TIMEOUT_SECONDS));
    }
  });

  it('shares one database and one link secret, with a different INSTANCE_ID per instance', () => {
    const [[, first], [, second]] = bots as [[string, any], [string, any]];
    expect(first.environment.DATABASE_URL).toMatch(/^postgres:\/\/[^@]+@postgres:5432\//);
    expect(second.environment.DATABASE_URL).toBe(first.environment.DATABASE_URL);
    expect(second.environment.EXPORT_LINK_SECRET).toBe(first.environment.EXPORT_LINK_SECRET);
    expect(first.environment.INSTANCE_ID).not.toBe(second.environment.INSTANCE_ID);
  });

  it('sets only variables src/config.ts reads', () => {
    for (const [name, bot] of bots) for (const variable of Object.keys(bot.environment)) expect(CONFIG_VARIABLES, `${name}: ${variable}`).toContain(variable);
  });

  it('publishes one port, a proxy that passes round robin to both instances on their PORT', () => {
    const published = Object.entries(compose.services).filter(([, service]) => service.ports);
    expect(published.map(([name]) => name)).toEqual(['proxy']);
    const mount = (compose.services.proxy.volumes as string[])[0]!.split(':')[0]!;
    const nginx = readFileSync(resolve(root, mount), 'utf8');
    const servers = [...nginx.matchAll(/^\s*server (\S+):(\d+)/gm)].map((match) => [match[1], match[2]]);
    expect(servers).toEqual(bots.map(([name, bot]) => [name, bot.environment.PORT]));
    expect(nginx).toMatch(new RegExp(`listen ${(compose.services.proxy.ports as string[])[0]!.split(':')[1]};`));
  });
});

describe('package.json engines', () => {
  it('allows Node 20.19+, 22 and 24', () => {
    expect(packageJson.engines.node).toBe('^20.19.0 || ^22.12.0 || >=24.0.0');
  });
});
