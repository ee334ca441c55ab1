import { render } from 'preact';
import { OptionsApp } from '@/components/OptionsApp';
import { createOptionsClient } from '@/lib/clients/options-client';
import { HF_ENDPOINT } from '@/lib/config';
import '@/components/popup.css';
import '@/components/options.css';

const root = document.getElementById('app');
if (root !== null) render(<OptionsApp client={createOptionsClient()} defaultEndpoint={HF_ENDPOINT} />, root);
