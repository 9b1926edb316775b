import { TextInput } from '@mantine/core';
import { useState } from 'react';
import { PROFILE_ID_PATTERN, slugifyProfileId } from '../../shared/auth/profileId';

// A new profile's name and id, as the first-profile form and the People screen ask for them: the
// id follows the name ("Ana López" -> "ana-lopez") until it is edited, and is checked as typed
// (the engine checks it again).

export function useNewProfile(taken: readonly string[] = []) {
  const [name, setName] = useState('');
  const [typedId, setTypedId] = useState<string | null>(null);
  const id = typedId ?? slugifyProfileId(name);
  const problem = !id ? null : !PROFILE_ID_PATTERN.test(id) ? 'Use letters, digits, dots, dashes or underscores (at most 64).' : taken.includes(id) ? 'This id is taken.' : null;
  return {
    name,
    id,
    problem,
    valid: name.trim().length > 0 && id.length > 0 && problem === null,
    setName,
    setId: (v: string) => setTypedId(v.trim()),
    reset() {
      setName('');
      setTypedId(null);
    },
  };
}

export function ProfileFields({ profile, nameLabel, whose }: { profile: ReturnType<typeof useNewProfile>; nameLabel: string; whose: 'your' | 'their' }) {
  return (
    <>
      <TextInput
        label={nameLabel}
        placeholder="e.g. Ana López"
        value={profile.name}
        onChange={(e) => profile.setName(e.currentTarget.value)}
        maxLength={100}
        data-autofocus
        autoFocus
        data-testid="profile-name"
        required
      />
      <TextInput
        label="Profile id"
        description={`Identifies ${whose} work in exports and events. Cannot be changed later.`}
        placeholder="ana-lopez"
        value={profile.id}
        onChange={(e) => profile.setId(e.currentTarget.value)}
        maxLength={64}
        error={profile.problem}
        classNames={{ input: 'cc-mono' }}
        data-testid="profile-id"
        required
      />
    </>
  );
}
