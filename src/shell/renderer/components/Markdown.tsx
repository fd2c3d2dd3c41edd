import { For, Match, Switch, type JSX } from 'solid-js';
import { Lexer, type Token, type Tokens } from 'marked';

/** Links open only to http(s) and mailto; anything else (javascript:, data:) is shown as text. */
const safeHref = (href: string) => (/^(https?:|mailto:)/i.test(href) ? href : undefined);

function Inline(props: { tokens: readonly Token[] | undefined }): JSX.Element {
  return <For each={props.tokens ?? []}>{(token) => <InlineToken token={token} />}</For>;
}

function InlineToken(props: { token: Token }): JSX.Element {
  const t = props.token;
  switch (t.type) {
    case 'strong':
      return <strong><Inline tokens={(t as Tokens.Strong).tokens} /></strong>;
    case 'em':
      return <em><Inline tokens={(t as Tokens.Em).tokens} /></em>;
    case 'del':
      return <del><Inline tokens={(t as Tokens.Del).tokens} /></del>;
    case 'codespan':
      return <code>{(t as Tokens.Codespan).text}</code>;
    case 'br':
      return <br />;
    case 'link': {
      const link = t as Tokens.Link;
      const href = safeHref(link.href);
      return href ? <a href={href} target="_blank" rel="noopener noreferrer"><Inline tokens={link.tokens} /></a> : <Inline tokens={link.tokens} />;
    }
    case 'text':
      return 'tokens' in t && t.tokens ? <Inline tokens={t.tokens} /> : <>{(t as Tokens.Text).text}</>;
    default:
      // HTML, images and anything unknown are shown as their source text, never interpreted.
      return <>{'raw' in t ? t.raw : ''}</>;
  }
}

function Block(props: { token: Token }): JSX.Element {
  const t = props.token;
  return (
    <Switch fallback={<p>{t.raw}</p>}>
      <Match when={t.type === 'paragraph'}><p><Inline tokens={(t as Tokens.Paragraph).tokens} /></p></Match>
      <Match when={t.type === 'heading'}><h4><Inline tokens={(t as Tokens.Heading).tokens} /></h4></Match>
      <Match when={t.type === 'code'}><pre><code>{(t as Tokens.Code).text}</code></pre></Match>
      <Match when={t.type === 'blockquote'}><blockquote><Blocks tokens={(t as Tokens.Blockquote).tokens} /></blockquote></Match>
      <Match when={t.type === 'hr'}><hr /></Match>
      <Match when={t.type === 'space'}>{null}</Match>
      <Match when={t.type === 'list'}>
        {(() => {
          const list = t as Tokens.List;
          const items = <For each={list.items}>{(item) => <li><Blocks tokens={item.tokens} /></li>}</For>;
          return list.ordered ? <ol>{items}</ol> : <ul>{items}</ul>;
        })()}
      </Match>
      <Match when={t.type === 'table'}>
        {(() => {
          const table = t as Tokens.Table;
          return (
            <table>
              <thead><tr><For each={table.header}>{(cell) => <th><Inline tokens={cell.tokens} /></th>}</For></tr></thead>
              <tbody><For each={table.rows}>{(row) => <tr><For each={row}>{(cell) => <td><Inline tokens={cell.tokens} /></td>}</For></tr>}</For></tbody>
            </table>
          );
        })()}
      </Match>
      <Match when={t.type === 'text'}><p><Inline tokens={'tokens' in t ? (t.tokens as Token[]) : [t]} /></p></Match>
    </Switch>
  );
}

function Blocks(props: { tokens: readonly Token[] }): JSX.Element {
  return <For each={props.tokens}>{(token) => <Block token={token} />}</For>;
}

/**
 * Markdown rendered as Solid elements from marked's tokens: no innerHTML, so model output cannot inject markup or
 * script, and the page's strict CSP needs no exception.
 */
export function Markdown(props: { text: string }): JSX.Element {
  return <div class="markdown"><Blocks tokens={Lexer.lex(props.text, { gfm: true })} /></div>;
}
