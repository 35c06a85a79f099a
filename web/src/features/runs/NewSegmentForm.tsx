/** The "New segment" form of both dashboards: a trimmed, non-blank name of at most 50 characters. */
import { useState } from 'preact/hooks';

export function NewSegmentForm({ onAdd }: { onAdd: (name: string) => void }) {
  const [name, setName] = useState('');
  return (
    <form
      class="form-inline"
      onSubmit={(e) => {
        e.preventDefault();
        if (!name.trim()) return;
        onAdd(name.trim());
        setName('');
      }}
    >
      <label class="grow">
        New segment
        <input
          id="segment-name"
          maxLength={50}
          value={name}
          onInput={(e) => setName((e.target as HTMLInputElement).value)}
        />
      </label>
      <button class="button" type="submit">
        Add segment
      </button>
    </form>
  );
}
