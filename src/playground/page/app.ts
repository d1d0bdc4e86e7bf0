// The playground page: fetches what the chosen person sees, draws it again when the server says
// something changed (Server-Sent Events), and sends what the person does (handlers.ts).
import type { PersonView } from '../person-view.js';
import { formatDate } from './dates.js';
import { show, toDom } from './dom.js';
import { wireHandlers } from './handlers.js';
import { channelPane, channelTitle, homePane, modal, renderContext, sidebar, threadPane, type Place } from './layout.js';
import { h } from './vnode.js';

const byId = <T extends HTMLElement>(id: string): T => {
  const found = document.getElementById(id);
  if (!found) throw new Error(`the page has no #${id}`);
  return found as T;
};

export class PlaygroundPage {
  me = new URLSearchParams(location.search).get('as') ?? localStorage.getItem('playground.as') ?? '';
  state: PersonView | null = null;
  readonly place: Place & { dismissed: Set<string> } = { where: decodeURIComponent(location.hash.slice(1)), thread: null, dismissed: new Set() };
  private loading: Promise<void> | null = null;
  private stale = false;

  get timeZone(): string {
    return this.state?.people.find((person) => person.id === this.me)?.tz ?? 'UTC';
  }

  async post(name: string, body: Record<string, unknown>): Promise<Record<string, unknown>> {
    const response = await fetch(`/api/${name}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ as: this.me, ...body }) });
    const answer = (await response.json()) as Record<string, unknown>;
    if (!response.ok) this.toast(String(answer.error ?? response.statusText));
    return answer;
  }

  toast(text: string): void {
    const toast = byId('toast');
    toast.textContent = text;
    toast.hidden = false;
    setTimeout(() => (toast.hidden = true), 5000);
  }

  /** Fetches the person's view; calls that come while one is under way make one more fetch after it. */
  refresh(): Promise<void> {
    if (this.loading) {
      this.stale = true;
      return this.loading;
    }
    this.loading = (async () => {
      do {
        this.stale = false;
        const response = await fetch(`/api/state?as=${encodeURIComponent(this.me)}`);
        this.state = (await response.json()) as PersonView;
        this.render();
      } while (this.stale);
    })().finally(() => (this.loading = null));
    return this.loading;
  }

  go(where: string, thread: string | null = null): void {
    this.place.where = where;
    this.place.thread = thread;
    if (location.hash.slice(1) !== where) history.pushState(null, '', `${location.search}#${where}`);
    if (where === 'home') void this.post('home', {});
    this.render(true);
  }

  switchPerson(person: string): void {
    this.me = person;
    localStorage.setItem('playground.as', person);
    history.replaceState(null, '', `?as=${encodeURIComponent(person)}${location.hash}`);
    this.place.thread = null;
    void this.refresh().then(() => this.openHomeIfThere());
  }

  /** On the Home tab, tell the bot it was opened (app_home_opened), as Slack does. */
  async openHomeIfThere(): Promise<void> {
    if (this.place.where === 'home') await this.post('home', {});
  }

  render(scrollToEnd = false): void {
    const state = this.state;
    if (!state) return;
    if (state.me !== this.me || !state.people.some((person) => person.id === this.me)) {
      // No one chosen yet (or someone who is not in the playground): be the first person.
      if (!state.people.some((person) => person.id === this.me)) this.me = state.people[0]?.id ?? '';
      void this.refresh();
      return;
    }
    if (!this.place.where || (this.place.where !== 'home' && !state.channels.some((channel) => channel.id === this.place.where))) this.place.where = state.startChannel;
    const context = renderContext(state);
    this.renderTop(state);
    show(byId('sidebar'), [sidebar(state, this.place)]);
    const pane = byId('pane');
    const atEnd = scrollToEnd || pane.scrollHeight - pane.scrollTop - pane.clientHeight < 80;
    show(pane, this.place.where === 'home' ? homePane(state, context) : channelPane(state, this.place, context));
    if (atEnd) pane.scrollTop = pane.scrollHeight;
    byId('composer').hidden = this.place.where === 'home';
    byId<HTMLTextAreaElement>('composer-text').placeholder = `Message ${channelTitle(state, this.place.where)} — type / for commands`;
    const thread = byId('thread');
    thread.hidden = this.place.thread === null || this.place.where === 'home';
    if (!thread.hidden) show(byId('thread-pane'), threadPane(state, this.place, context));
    this.renderModal(state);
  }

  private renderTop(state: PersonView): void {
    const people = byId<HTMLSelectElement>('person');
    if (people.options.length !== state.people.length) show(people, state.people.map((person) => h('option', { value: person.id }, `${person.name}${person.title ? ` — ${person.title}` : ''}`)));
    people.value = this.me;
    byId('clock-now').textContent = formatDate(new Date(state.now), this.timeZone, { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZoneName: 'short' });
    byId('busy').hidden = !state.busy;
    for (const button of document.querySelectorAll<HTMLButtonElement>('[data-advance]')) button.disabled = state.busy;
  }

  /** The top modal; drawn again only when it changed, so what the person typed stays. */
  private renderModal(state: PersonView): void {
    const root = byId('modal-root');
    const top = state.modals.at(-1);
    const shown = root.querySelector<HTMLElement>('form.modal');
    if (!top) return root.replaceChildren();
    if (shown?.dataset.viewId === top.id && shown.dataset.hash === top.hash) return;
    root.replaceChildren(toDom(modal(top, renderContext(state))));
    root.querySelector<HTMLElement>('input, textarea, select')?.focus();
  }
}

const page = new PlaygroundPage();
wireHandlers(page);
void page.refresh().then(() => page.openHomeIfThere());
const events = new EventSource('/api/events');
// Every event (a change, or the beat that keeps the clock moving) fetches the view again.
events.onmessage = () => void page.refresh();
