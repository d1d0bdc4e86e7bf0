// Who is acting: the user's roles (settings users and Slack user groups) and language (users.info).
import type { WebClient } from '@slack/web-api';
import type { Logger } from 'pino';
import { ROLES, type Role } from '../domain/roles.js';
import { localeFromSlack, type Locale } from '../i18n/index.js';
import type { RequestActor } from '../services/context.js';
import type { Settings } from '../settings/schema.js';

const CACHE_MS = 5 * 60_000;

interface Cached<T> {
  value: T;
  until: number;
}

export class SlackDirectory {
  private readonly locales = new Map<string, Cached<Locale>>();
  private readonly groups = new Map<string, Cached<ReadonlySet<string>>>();

  constructor(
    private readonly client: WebClient,
    private readonly settings: () => Settings,
    private readonly logger: Logger,
  ) {}

  async actor(userId: string): Promise<RequestActor> {
    const [locale, roles] = await Promise.all([this.localeOf(userId), this.rolesOf(userId)]);
    return { userId, locale, roles };
  }

  async localeOf(userId: string): Promise<Locale> {
    const fallback = this.settings().defaultLocale;
    return this.cached(this.locales, userId, async () => {
      try {
        const answer = await this.client.users.info({ user: userId, include_locale: true });
        return localeFromSlack(answer.user?.locale, fallback);
      } catch (error) {
        this.logger.warn({ err: error, userId }, 'could not read the user locale; using the default');
        return fallback;
      }
    });
  }

  async rolesOf(userId: string): Promise<ReadonlySet<Role>> {
    const configured = this.settings().roles;
    const held = await Promise.all(
      ROLES.map(async (role) => {
        const members = configured[role];
        if (!members) return null;
        if (members.users.includes(userId)) return role;
        for (const group of members.usergroups) {
          if ((await this.groupMembers(group)).has(userId)) return role;
        }
        return null;
      }),
    );
    return new Set(held.filter((role): role is Role => role !== null));
  }

  private groupMembers(usergroup: string): Promise<ReadonlySet<string>> {
    return this.cached(this.groups, usergroup, async () => {
      try {
        const answer = await this.client.usergroups.users.list({ usergroup });
        return new Set(answer.users ?? []);
      } catch (error) {
        this.logger.warn({ err: error, usergroup }, 'could not read a user group; treating it as empty');
        return new Set<string>();
      }
    });
  }

  private async cached<T>(cache: Map<string, Cached<T>>, key: string, load: () => Promise<T>): Promise<T> {
    const hit = cache.get(key);
    if (hit && hit.until > Date.now()) return hit.value;
    const value = await load();
    cache.set(key, { value, until: Date.now() + CACHE_MS });
    return value;
  }
}
