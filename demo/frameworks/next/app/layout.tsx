import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import './app.css';

export const metadata: Metadata = { title: 'chat-widget in Next.js' };

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>{children}</body>
    </html>
  );
}
