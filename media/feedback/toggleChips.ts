/**
 * A labelled group of toggle buttons ("chips") that filter a list: each one a real button
 * with `aria-pressed`, at most one pressed at a time. Every chip set of the viewer (the
 * codes of an error list, and any other set a column brings) is built with it, so each gets
 * the same keyboard and screen-reader behaviour: Tab reaches each chip, Space/Enter toggles,
 * and a screen reader says "T01 17, toggle button, pressed".
 */
import { h } from './dom';

export interface ChipSpec {
  /** The value the chip filters by ('' is a value too, e.g. "no code"). */
  key: string;
  content: (Node | string)[];
  className?: string;
  /** More about the chip (a tooltip, and the accessible description). */
  title?: string;
}

export class ToggleChips {
  readonly element: HTMLElement;
  private readonly buttons = new Map<string, HTMLButtonElement>();

  /** `onToggle` gets the chip's key when it was pressed, undefined when it was released. */
  constructor(
    label: string,
    private readonly onToggle: (key: string | undefined) => void,
  ) {
    this.element = h('div', { class: 'chips', role: 'group', 'aria-label': label });
  }

  add(spec: ChipSpec): HTMLButtonElement {
    const button = h(
      'button',
      {
        class: `chip${spec.className ? ` ${spec.className}` : ''}`,
        type: 'button',
        title: spec.title,
        'aria-pressed': 'false',
      },
      ...spec.content,
    );
    button.addEventListener('click', () => {
      const pressed = button.getAttribute('aria-pressed') !== 'true';
      this.setPressed(pressed ? spec.key : undefined);
      this.onToggle(pressed ? spec.key : undefined);
    });
    this.buttons.set(spec.key, button);
    this.element.append(button);
    return button;
  }

  /** Shows which chip is pressed (none when `key` is undefined or no chip has it). */
  setPressed(key: string | undefined): void {
    for (const [chipKey, button] of this.buttons)
      button.setAttribute('aria-pressed', String(key !== undefined && chipKey === key));
  }
}
