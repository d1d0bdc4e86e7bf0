// Renders a person's App Home as it stands now: when they open it, and when the outbox delivers a
// refresh after something of theirs changed.
import type { HomeView } from '@slack/types';
import { translatorFor } from '../../i18n/index.js';
import type { HomeService } from '../../services/home.js';
import type { SlackDirectory } from '../directory.js';
import { homeView, type HomeStartButton } from './blocks.js';

export class HomePages {
  constructor(
    private readonly directory: SlackDirectory,
    private readonly home: HomeService,
    private readonly starts: readonly HomeStartButton[],
  ) {}

  async viewFor(userId: string): Promise<HomeView> {
    const actor = await this.directory.actor(userId);
    return homeView({ t: translatorFor(actor.locale), locale: actor.locale }, await this.home.contentFor(actor), this.starts);
  }

  opened(userId: string): Promise<void> {
    return this.home.opened(userId);
  }
}
