import type { Ref } from 'preact';
import { useId } from 'preact/hooks';

export interface SearchBoxProps {
  query: string;
  onQuery: (query: string) => void;
  /** The first focus or keystroke: the index starts loading then, never before. */
  onWarmUp: () => void;
  /** Escape on an empty box: the focus leaves it (back to the list). */
  onLeave?: () => void;
  inputRef?: Ref<HTMLInputElement>;
}

/** The search box over every cached paper: `/` focuses it, Escape clears it, a second Escape leaves it. */
export function SearchBox({ query, onQuery, onWarmUp, onLeave, inputRef }: SearchBoxProps) {
  const id = useId();
  return (
    <div class="search-box" role="search">
      <label for={id} class="visually-hidden">
        Search all papers
      </label>
      <input
        ref={inputRef}
        id={id}
        type="search"
        class="search-input"
        placeholder="Search all papers ( / )"
        autocomplete="off"
        spellcheck={false}
        value={query}
        onFocus={onWarmUp}
        onInput={(event) => {
          onWarmUp();
          onQuery(event.currentTarget.value);
        }}
        onKeyDown={(event) => {
          if (event.key !== 'Escape') return;
          // Ours, not the browser's: Escape would otherwise close the popup.
          event.preventDefault();
          event.stopPropagation();
          if (query !== '') {
            onQuery('');
            return;
          }
          event.currentTarget.blur();
          onLeave?.();
        }}
      />
    </div>
  );
}
