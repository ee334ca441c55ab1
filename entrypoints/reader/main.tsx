import { render } from 'preact';
import { ReaderApp } from '@/components/LibraryApp';
import { createLibraryClient } from '@/lib/clients/library-client';
import '@/components/popup.css';
import '@/components/library.css';

// A stored PDF (reader.html?id=…), shown by the browser's PDF viewer from IndexedDB: never the network.
const id = new URLSearchParams(location.search).get('id') ?? '';
const root = document.getElementById('app');
if (root !== null) render(<ReaderApp client={createLibraryClient()} id={id} />, root);
