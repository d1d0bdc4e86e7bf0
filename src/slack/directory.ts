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
  private readonly localesBeingRead = new Set<string>();
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

  /**
   * The user's Slack language. Once known it is answered at once: past five minutes it is read
   * again in the background, so a returning user's command does not wait for Slack (people rarely
   * change their language; a change shows from their next command on). Roles are never answered
   * stale: they decide what someone may do.
   */
  async localeOf(userId: string): Promise<Locale> {
    const known = this.locales.get(userId);
    if (!known) return this.readLocale(userId, this.settings().defaultLocale);
    if (known.until <= Date.now() && !this.localesBeingRead.has(userId)) void this.readLocale(userId, known.value);
    return known.value;
  }

  /** Asks Slack for the user's language and remembers it; keeps `otherwise` if Slack cannot say. */
  private async readLocale(userId: string, otherwise: Locale): Promise<Locale> {
    this.localesBeingRead.add(userId);
    try {
      const answer = await this.client.users.info({ user: userId, include_locale: true });
      const locale = localeFromSlack(answer.user?.locale, this.settings().defaultLocale);
      this.locales.set(userId, { value: locale, until: Date.now() + CACHE_MS });
      return locale;
    } catch (error) {
      this.logger.warn({ err: error, userId }, 'could not read the user locale; using the one known or the default');
      this.locales.set(userId, { value: otherwise, until: Date.now() + CACHE_MS });
      return otherwise;
    } finally {
      this.localesBeingRead.delete(userId);
    }
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
