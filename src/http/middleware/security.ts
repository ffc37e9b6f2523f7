import { secureHeaders } from 'hono/secure-headers';

// No inline script anywhere, no framing, no sniffing. The NHS.UK assets are
// served from this origin.
export const securityHeaders = () => secureHeaders({
  contentSecurityPolicy: {
    defaultSrc: ["'self'"],
    scriptSrc: ["'self'"],
    styleSrc: ["'self'"],
    imgSrc: ["'self'", 'data:'],
    // The NHS.UK stylesheet loads the Frutiger typeface from the NHS asset host.
    fontSrc: ["'self'", 'https://assets.nhs.uk'],
    connectSrc: ["'self'"],
    formAction: ["'self'"],
    frameAncestors: ["'none'"],
    baseUri: ["'self'"],
    objectSrc: ["'none'"],
  },
  xFrameOptions: 'DENY',
  xContentTypeOptions: 'nosniff',
  referrerPolicy: 'same-origin',
  strictTransportSecurity: 'max-age=31536000; includeSubDomains',
  crossOriginOpenerPolicy: 'same-origin',
});
