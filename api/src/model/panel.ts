export interface PanelAction {
  readonly id: string;
  readonly title: string;
}

export interface PanelListItem {
  readonly id: string;
  readonly title: string;
  readonly detail?: string;
  readonly actions?: readonly PanelAction[];
}

/** What a plugin panel shows. The workbench renders these itself; plugins never touch the DOM. */
export type PanelModel =
  | { readonly kind: 'empty'; readonly message: string }
  | { readonly kind: 'markdown'; readonly text: string; readonly actions?: readonly PanelAction[] }
  | { readonly kind: 'list'; readonly items: readonly PanelListItem[]; readonly actions?: readonly PanelAction[] }
  | { readonly kind: 'keyValue'; readonly rows: readonly (readonly [string, string])[]; readonly actions?: readonly PanelAction[] };
