/** Loads docker-compose.yml (anchors and `<<` merge keys resolved, as Compose does). */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { GATEWAY, REPO_ROOT, type Role } from './contract';

export interface ComposeService {
  image?: string;
  build?: {
    context?: string;
    dockerfile?: string;
    args?: Record<string, string>;
  };
  command?: string[];
  environment?: Record<string, string>;
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: { test?: string[]; disable?: boolean };
  ports?: string[];
  volumes?: string[];
  restart?: string;
  pull_policy?: string;
}

export interface ComposeFile {
  name?: string;
  services: Record<string, ComposeService>;
  volumes?: Record<string, unknown>;
  [key: string]: unknown;
}

export function loadCompose(): ComposeFile {
  return parse(readFileSync(join(REPO_ROOT, 'docker-compose.yml'), 'utf8'), {
    merge: true,
  }) as ComposeFile;
}

/** App services are the ones built from the Dockerfile; their role follows from the name. */
export function appServices(compose: ComposeFile): { key: string; service: string; role: Role; def: ComposeService }[] {
  return Object.entries(compose.services)
    .filter(([, def]) => def.build)
    .map(([key, def]) => {
      const service = key.replace(/-(migrate|worker)$/, '');
      const role: Role = key.endsWith('-migrate')
        ? 'migrate'
        : key.endsWith('-worker')
          ? 'worker'
          : service === GATEWAY.name
            ? 'gateway'
            : 'api';
      return { key, service, role, def };
    });
}
