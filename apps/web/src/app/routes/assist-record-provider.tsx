import type { ReactNode } from 'react';
import { AssistRecordSlot } from '../../features/actions/components/assist-record-slot.ts';
import { AssistRecord } from '../../features/assist/components/assist-record.tsx';

const renderAssistRecord = (assistId: string) => <AssistRecord assistId={assistId} />;

/** Lets an action's review show the stored "Why?" answer its proposal cites. */
export function AssistRecordProvider({ children }: { children: ReactNode }) {
  return (
    <AssistRecordSlot.Provider value={renderAssistRecord}>{children}</AssistRecordSlot.Provider>
  );
}
