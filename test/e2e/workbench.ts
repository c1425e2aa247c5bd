import { chromium, type Browser, type FrameLocator, type Page } from 'playwright-core';

const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';

/** Drives the VS Code workbench in Debian's Chromium the way a person would: keys and clicks. */
export class Workbench {
  private constructor(
    private readonly browser: Browser,
    readonly page: Page,
  ) {}

  static async open(url: string): Promise<Workbench> {
    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
    });
    const page = await browser.newPage({ viewport: { width: 1500, height: 950 } });
    await page.goto(url);
    await page.waitForSelector('.monaco-workbench', { timeout: 90000 });
    await page.waitForSelector('.explorer-folders-view .monaco-list-row', { timeout: 90000 });
    return new Workbench(browser, page);
  }

  /** Opens a file through Quick Open (Ctrl+P) and waits for its editor tab. */
  async openFile(relativePath: string): Promise<void> {
    const name = relativePath.split('/').pop() ?? relativePath;
    await this.page.keyboard.press('Control+P');
    await this.page.waitForSelector('.quick-input-widget .input', { state: 'visible' });
    await this.page.keyboard.type(relativePath);
    // Enter only once the highlighted entry is the file: the list refines as the query arrives.
    await this.page.waitForSelector(`.quick-input-list .monaco-list-row.focused[aria-label*="${name}"]`, { timeout: 20000 });
    await this.page.keyboard.press('Enter');
    await this.page.locator('.tabs-container .tab.active', { hasText: name }).waitFor({ timeout: 20000 });
    await this.page.locator('.editor-instance .monaco-editor .view-lines').first().waitFor();
  }

  /** Waits until the active editor tab is the file of this name (opened by the extension). */
  async waitForActiveTab(name: string, timeoutMs = 20000): Promise<void> {
    await this.page.locator('.tabs-container .tab.active', { hasText: name }).waitFor({ timeout: timeoutMs });
    await this.page.locator('.editor-instance .monaco-editor .view-lines').first().waitFor();
  }

  /** Gives the active editor the keyboard (after a panel or a notification took it). */
  async focusEditor(): Promise<void> {
    await this.page.locator('.editor-instance .monaco-editor .view-lines').first().click();
  }

  /** Puts the cursor at the start of the active editor and inserts text as typing would. */
  async insertAtTop(text: string): Promise<void> {
    await this.page.locator('.editor-instance .monaco-editor .view-lines').first().click();
    await this.page.keyboard.press('Control+Home');
    await this.page.keyboard.insertText(text);
  }

  /**
   * Presses Ctrl+Z in the active editor (focused first: the Problems filter may hold the focus)
   * until its first line reads `firstLine` again, as a person undoing their typing would.
   */
  async undoUntilFirstLine(firstLine: string, maxPresses = 40): Promise<void> {
    await this.page.locator('.editor-instance .monaco-editor .view-lines').first().click();
    for (let i = 0; i < maxPresses; i++) {
      if ((await this.firstLine()) === firstLine) return;
      await this.page.keyboard.press('Control+Z');
      await this.page.waitForTimeout(50);
    }
    throw new Error(`undo did not restore the first line "${firstLine}"; it reads "${await this.firstLine()}"`);
  }

  private async firstLine(): Promise<string> {
    const text = await this.page.locator('.editor-instance .monaco-editor .view-lines .view-line').first().textContent();
    return (text ?? '').replace(/\u00a0/g, ' ');
  }

  async showProblems(): Promise<void> {
    if (
      await this.page
        .locator('.markers-panel')
        .isVisible()
        .catch(() => false)
    )
      return;
    await this.page.keyboard.press('Control+Shift+M');
    await this.page.waitForSelector('.markers-panel', { timeout: 20000 });
  }

  /** The Problems panel rows (file rows and marker rows) by their accessible labels. */
  async problemRows(): Promise<string[]> {
    return this.page.$$eval('.markers-panel .monaco-list-row', (rows) => rows.map((r) => r.getAttribute('aria-label') ?? r.textContent ?? ''));
  }

  /**
   * Types `filter` into the Problems filter box (the list is virtualized: only rows in view exist
   * in the DOM, so a filter brings the interesting ones into view), then polls until `check`
   * holds; returns the rows and how long it took.
   */
  async waitForProblems(what: string, filter: string, check: (rows: string[]) => boolean, timeoutMs = 60000): Promise<{ rows: string[]; ms: number }> {
    await this.showProblems();
    const input = this.page.locator('.panel .viewpane-filter input, .markers-panel-action-filter input').first();
    await input.fill(filter);
    const started = Date.now();
    let rows: string[] = [];
    while (Date.now() - started < timeoutMs) {
      // The view restores its saved filter when it finishes opening, which can undo a fill made
      // while it was still opening: type the filter again until it stays.
      if ((await input.inputValue()) !== filter) await input.fill(filter);
      rows = await this.problemRows();
      if (check(rows)) return { rows, ms: Date.now() - started };
      await this.page.waitForTimeout(100);
    }
    const shown = await input.inputValue().catch((e: unknown) => `(unreadable: ${String(e)})`);
    throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}; the filter reads "${shown}"; Problems rows:\n  ${rows.join('\n  ')}`);
  }

  /** Links rendered for diagnostic codes (the rule docs). */
  async problemCodeLinks(): Promise<string[]> {
    return this.page.$$eval('.markers-panel .monaco-list-row a', (links) => links.map((a) => a.getAttribute('href') ?? a.getAttribute('title') ?? '').filter(Boolean));
  }

  /** Clicks the first diagnostic-code link with this text in Problems; waits for a tab named `tab`. */
  async openProblemCodeLink(code: string, tab: string): Promise<void> {
    await this.page.locator('.markers-panel .monaco-list-row a', { hasText: code }).first().click();
    await this.page.locator('.tabs-container .tab.active', { hasText: tab }).first().waitFor({ timeout: 20000 });
  }

  /**
   * Closes every editor once none has unsaved changes: a save or revert finishes after its command
   * returns, and closing a dirty editor asks in a modal dialog that holds the keyboard.
   */
  async closeAllEditors(timeoutMs = 20000): Promise<void> {
    const dirty = this.page.locator('.tabs-container .tab.dirty');
    const deadline = Date.now() + timeoutMs;
    while ((await dirty.count()) > 0) {
      if (Date.now() > deadline) throw new Error(`editors still have unsaved changes: ${(await dirty.allTextContents()).join(', ')}`);
      await this.page.waitForTimeout(100);
    }
    await this.runCommand('View: Close All Editor Groups');
    const tabs = this.page.locator('.tabs-container .tab');
    while ((await tabs.count()) > 0) {
      const dialogs = await this.page.$$eval('.monaco-dialog-box', (boxes) => boxes.map((b) => (b.textContent ?? '').trim()));
      if (dialogs.length > 0 || Date.now() > deadline) throw new Error(`the editors did not close; dialog: ${dialogs.join(' | ') || 'none'}`);
      await this.page.waitForTimeout(100);
    }
  }

  /** Closes the active editor tab. */
  async closeActiveEditor(): Promise<void> {
    await this.page.locator('.tabs-container .tab.active .codicon-close').first().click();
  }

  /** Moves the cursor of the active editor with Go to Line (Ctrl+G), `line:column`, 1-based. */
  async goTo(line: number, column: number): Promise<void> {
    await this.page.locator('.editor-instance .monaco-editor .view-lines').first().click();
    await this.page.keyboard.press('Control+G');
    await this.page.waitForSelector('.quick-input-widget .input', { state: 'visible' });
    await this.page.keyboard.type(`${line}:${column}`);
    await this.page.keyboard.press('Enter');
  }

  /** Opens the quick fix menu at the cursor (Ctrl+.) and picks the action with this title. */
  async applyQuickFix(title: string): Promise<string[]> {
    const rows = this.page.locator('.action-widget .monaco-list-row');
    // While an analysis the last change started is still running, the menu can come up empty
    // ("No code actions available"): ask again, as a person would.
    for (let attempt = 1; ; attempt++) {
      await this.page.keyboard.press('Control+.');
      const shown = await rows
        .first()
        .waitFor({ timeout: 5000 })
        .then(() => true)
        .catch(() => false);
      if (shown) break;
      if (attempt === 4) throw new Error(`no quick fix menu after ${attempt} tries (looking for "${title}")`);
      await this.page.keyboard.press('Escape');
      await this.page.waitForTimeout(2000);
    }
    const titles = await rows.evaluateAll((items) => items.map((i) => (i.getAttribute('aria-label') ?? i.textContent ?? '').trim()));
    // The menu is keyboard-driven (a pointer block covers it until the mouse moves): arrow to it.
    for (let i = 0; i < titles.length + 2; i++) {
      const focused = await this.page.locator('.action-widget .monaco-list-row.focused').first().getAttribute('aria-label');
      if (focused === title) {
        await this.page.keyboard.press('Enter');
        return titles;
      }
      await this.page.keyboard.press('ArrowDown');
    }
    throw new Error(`no quick fix "${title}"; offered: ${titles.join(' | ')}`);
  }

  /** The text of the active editor's visible lines. */
  async visibleText(): Promise<string> {
    const lines = await this.page.locator('.editor-instance .monaco-editor .view-lines .view-line').allTextContents();
    return lines.map((l) => l.replace(/\u00a0/g, ' ')).join('\n');
  }

  /** Waits until the active editor's visible text matches (typing is rendered asynchronously). */
  async waitForVisibleText(pattern: RegExp, what: string, timeoutMs = 10000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    let text = '';
    while (Date.now() < deadline) {
      text = await this.visibleText();
      if (pattern.test(text)) return;
      await this.page.waitForTimeout(100);
    }
    throw new Error(`timed out waiting for ${what}: ${String(pattern)} in\n${text}`);
  }

  /** Clicks a button of the modal dialog. */
  async clickDialogButton(label: string): Promise<void> {
    await this.page.locator('.monaco-dialog-box .monaco-button', { hasText: label }).first().click({ timeout: 20000 });
  }

  /**
   * Waits for the Refactor Preview that a change needing confirmation opens, confirms every file
   * (VS Code lists such changes unticked: the user ticks what to apply) and applies; returns the
   * panel's text.
   */
  async applyRefactorPreview(timeoutMs = 30000): Promise<string> {
    const panel = this.page.locator('#refactorPreview .bulk-edit-panel').first();
    await panel.waitFor({ state: 'visible', timeout: timeoutMs });
    const files = panel.locator('.monaco-list-row[aria-level="1"] input.edit-checkbox');
    await files.first().waitFor({ timeout: timeoutMs });
    for (let i = 0; i < (await files.count()); i++) if (!(await files.nth(i).isChecked())) await files.nth(i).click();
    const text = (await panel.textContent()) ?? '';
    await this.page
      .locator('#refactorPreview .monaco-button', { hasText: /^Apply$/ })
      .first()
      .click({ timeout: timeoutMs });
    return text;
  }

  /** Runs a command from the palette by its title. */
  async runCommand(title: string): Promise<void> {
    await this.openCommandPalette();
    await this.page.keyboard.type(title);
    await this.page.waitForSelector(`.quick-input-list .monaco-list-row[aria-label*="${title}"]`, { timeout: 20000 });
    await this.page.keyboard.press('Enter');
  }

  /**
   * Opens the command palette with F1, as a person would. When the keyboard is held elsewhere (a
   * dialog, a panel that kept focus on a slow machine), it does what a person then does: Escape,
   * a click on the editor's tab or the empty editor area, and the other shortcut.
   */
  async openCommandPalette(): Promise<void> {
    const input = this.page.locator('.quick-input-widget .input');
    const attempts: Array<() => Promise<void>> = [
      () => this.page.keyboard.press('F1'),
      async () => {
        await this.page.keyboard.press('Escape');
        await this.focusEditorArea();
        await this.page.keyboard.press('Control+Shift+P');
      },
      async () => {
        await this.page.keyboard.press('Escape');
        await this.page.keyboard.press('Escape');
        await this.focusEditorArea();
        await this.page.keyboard.press('F1');
      },
    ];
    const seen: string[] = [];
    for (const attempt of attempts) {
      await attempt();
      const opened = await input
        .first()
        .waitFor({ state: 'visible', timeout: 10000 })
        .then(() => true)
        .catch(() => false);
      if (opened) return;
      seen.push(await this.whatHoldsTheKeyboard());
    }
    throw new Error(`the command palette did not open after ${attempts.length} attempts; ${seen.join(' / ')}`);
  }

  /** Gives the editor area the keyboard without moving a cursor: the active tab, or the empty area. */
  private async focusEditorArea(): Promise<void> {
    const tab = this.page.locator('.tabs-container .tab.active .label-name').first();
    if (await tab.isVisible()) await tab.click();
    else
      await this.page
        .locator('.part.editor')
        .first()
        .click({ position: { x: 20, y: 60 } });
  }

  /** What a failing palette is likely waiting behind: the focused element, a dialog, the toasts. */
  private async whatHoldsTheKeyboard(): Promise<string> {
    const focused = this.page.locator(':focus').first();
    const focus = (await focused.count()) > 0 ? ((await focused.getAttribute('class', { timeout: 1000 }).catch(() => null)) ?? '(no class)') : 'nothing';
    const dialogs = await this.page.$$eval('.monaco-dialog-box', (boxes) => boxes.map((b) => (b.textContent ?? '').trim().slice(0, 200)));
    const toasts = await this.notifications();
    return `focus: ${focus.slice(0, 120)}; dialog: ${dialogs.join(' | ') || 'none'}; toasts: ${toasts.join(' | ').slice(0, 300) || 'none'}`;
  }

  /** The page inside a webview panel (code-server nests it in two frames). */
  webview(): FrameLocator {
    return this.page.frameLocator('iframe.webview.ready').frameLocator('iframe#active-frame');
  }

  async statusBarTexts(): Promise<string[]> {
    return this.page.$$eval('.statusbar-item', (items) => items.map((i) => (i.getAttribute('aria-label') ?? i.textContent ?? '').trim()).filter(Boolean));
  }

  async notifications(): Promise<string[]> {
    return this.page.$$eval('.notification-toast, .notifications-toasts .monaco-list-row', (items) => items.map((i) => (i.getAttribute('aria-label') ?? i.textContent ?? '').trim()));
  }

  /** Waits for a notification whose text matches; returns its text with its buttons. */
  async waitForNotification(pattern: RegExp, timeoutMs = 30000): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    let toasts: string[] = [];
    while (Date.now() < deadline) {
      toasts = await this.page.$$eval('.notification-toast', (items) => items.map((i) => `${i.getAttribute('aria-label') ?? ''} ${i.textContent ?? ''}`.trim()));
      const found = toasts.find((t) => pattern.test(t));
      if (found) return found;
      await this.page.waitForTimeout(200);
    }
    throw new Error(`no notification matching ${String(pattern)} in ${timeoutMs} ms; shown: ${toasts.join(' | ')}`);
  }

  async screenshot(file: string): Promise<void> {
    await this.page.screenshot({ path: file }).catch(() => undefined);
  }

  async close(): Promise<void> {
    await this.browser.close();
  }
}
