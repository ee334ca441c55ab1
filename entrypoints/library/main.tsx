import { render } from 'preact';
import { LibraryApp } from '@/components/LibraryApp';
import { createLibraryClient } from '@/lib/clients/library-client';
import { HF_ENDPOINT } from '@/lib/config';
import '@/components/popup.css';
import '@/components/library.css';

// The library of saved papers, in a tab. It reads IndexedDB only: it works with no network at all.
const root = document.getElementById('app');
if (root !== null) render(<LibraryApp client={createLibraryClient()} endpoint={HF_ENDPOINT} />, root);
