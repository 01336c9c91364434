// Generated from the API's OpenAPI document (GET /docs/json) by `npm run api-types` (scripts/api-types.ts).
// Do not edit: change the route schemas in server/ and run it again (`npm run typecheck` does).

export interface paths {
    "/health/live": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The API process is up */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            status: "ok";
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/health/ready": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** PostgreSQL and Redis are reachable (503 names the one that is not) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            status: "ok" | "unavailable";
                            checks: {
                                postgres: "ok" | "down";
                                redis: "ok" | "down";
                            };
                            down: string[];
                        };
                    };
                };
                /** @description Default Response */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            status: "ok" | "unavailable";
                            checks: {
                                postgres: "ok" | "down";
                                redis: "ok" | "down";
                            };
                            down: string[];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/mfa/verify": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Second login step: a TOTP code or a recovery code; sets the full session cookie */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description A 6-digit TOTP code, or a recovery code (xxxxx-xxxxx) */
                        code: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: number;
                            email: string;
                            name: string;
                            /** @enum {unknown} */
                            role: "admin" | "ops" | "helpdesk";
                            csrfToken: string;
                            mfaEnabled: boolean;
                            /** @description The role requires MFA and it is not set up: nothing but enrolment is open */
                            mfaEnrolmentRequired: boolean;
                            /** @description May read message subjects, senders and Message-IDs (expiry previews, expired messages) */
                            canViewMessageMetadata: boolean;
                        };
                    };
                };
                /** @description The one error envelope */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
                /** @description The one error envelope */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
                /** @description The one error envelope */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
                /** @description The one error envelope */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/mfa/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** MFA state of the logged-in staff member */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            enabled: boolean;
                            enrolmentRequired: boolean;
                            recoveryCodesLeft: number;
                        };
                    };
                };
                /** @description The one error envelope */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
                /** @description The one error envelope */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
                /** @description The one error envelope */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/mfa/enrol": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Start MFA enrolment: a new TOTP secret (otpauth URI and QR code), to confirm with a code */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description Base32 TOTP secret, shown only during enrolment */
                            secret: string;
                            otpauthUri: string;
                            /** @description The otpauth URI as a QR code (SVG data URL) */
                            qrCodeDataUrl: string;
                        };
                    };
                };
                /** @description The one error envelope */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
                /** @description The one error envelope */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
                /** @description The one error envelope */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
                /** @description The one error envelope */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/mfa/enrol/confirm": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Confirm MFA enrolment with the current code: MFA is on; answers the recovery codes (shown once) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description A 6-digit TOTP code, or a recovery code (xxxxx-xxxxx) */
                        code: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description Single-use codes for when the authenticator app is lost; shown only now */
                            recoveryCodes: string[];
                        };
                    };
                };
                /** @description The one error envelope */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
                /** @description The one error envelope */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
                /** @description The one error envelope */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
                /** @description The one error envelope */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
                /** @description The one error envelope */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
                /** @description The one error envelope */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/mfa/recovery-codes": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** New recovery codes (the old ones stop working), confirmed with a current TOTP code */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description A 6-digit TOTP code, or a recovery code (xxxxx-xxxxx) */
                        code: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description Single-use codes for when the authenticator app is lost; shown only now */
                            recoveryCodes: string[];
                        };
                    };
                };
                /** @description The one error envelope */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
                /** @description The one error envelope */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
                /** @description The one error envelope */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
                /** @description The one error envelope */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
                /** @description The one error envelope */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
                /** @description The one error envelope */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/login": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Log in with email and password; sets the session cookie */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        email: string;
                        password: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: number;
                            email: string;
                            name: string;
                            /** @enum {unknown} */
                            role: "admin" | "ops" | "helpdesk";
                            csrfToken: string;
                            mfaEnabled: boolean;
                            /** @description The role requires MFA and it is not set up: nothing but enrolment is open */
                            mfaEnrolmentRequired: boolean;
                            /** @description May read message subjects, senders and Message-IDs (expiry previews, expired messages) */
                            canViewMessageMetadata: boolean;
                        } | {
                            /** @enum {boolean} */
                            mfaRequired: true;
                        };
                    };
                };
                /** @description The one error envelope */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
                /** @description The one error envelope */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
                /** @description The one error envelope */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/logout": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** End the session (server-side) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description The one error envelope */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
                /** @description The one error envelope */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/logout-everywhere": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Sign out everywhere: end every session of the logged-in staff member, this one included */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            ended: number;
                        };
                    };
                };
                /** @description The one error envelope */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
                /** @description The one error envelope */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The logged-in staff member and the CSRF token for mutations */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: number;
                            email: string;
                            name: string;
                            /** @enum {unknown} */
                            role: "admin" | "ops" | "helpdesk";
                            csrfToken: string;
                            mfaEnabled: boolean;
                            /** @description The role requires MFA and it is not set up: nothing but enrolment is open */
                            mfaEnrolmentRequired: boolean;
                            /** @description May read message subjects, senders and Message-IDs (expiry previews, expired messages) */
                            canViewMessageMetadata: boolean;
                        };
                    };
                };
                /** @description The one error envelope */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/staff/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List staff users */
        get: {
            parameters: {
                query?: {
                    /** @description JSON ["field","ASC"|"DESC"] */
                    sort?: string;
                    /** @description JSON [start, end], inclusive */
                    range?: string;
                    /** @description JSON object of filters */
                    filter?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: number;
                            email: string;
                            name: string;
                            /** @enum {unknown} */
                            role: "admin" | "ops" | "helpdesk";
                            active: boolean;
                            /** Format: date-time */
                            lastLoginAt: string | null;
                            /** Format: date-time */
                            createdAt: string;
                            /** Format: date-time */
                            mfaEnabledAt: string | null;
                            /** @description Granted: may read message subjects, senders and Message-IDs (admins may regardless) */
                            canViewMessageMetadata: boolean;
                        }[];
                    };
                };
                /** @description The one error envelope */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
                /** @description The one error envelope */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
                /** @description The one error envelope */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
            };
        };
        put?: never;
        /** Create a staff user */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** Format: email */
                        email: string;
                        name: string;
                        /** @enum {unknown} */
                        role: "admin" | "ops" | "helpdesk";
                        password: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: number;
                            email: string;
                            name: string;
                            /** @enum {unknown} */
                            role: "admin" | "ops" | "helpdesk";
                            active: boolean;
                            /** Format: date-time */
                            lastLoginAt: string | null;
                            /** Format: date-time */
                            createdAt: string;
                            /** Format: date-time */
                            mfaEnabledAt: string | null;
                            /** @description Granted: may read message subjects, senders and Message-IDs (admins may regardless) */
                            canViewMessageMetadata: boolean;
                        };
                    };
                };
                /** @description The one error envelope */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
                /** @description The one error envelope */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
                /** @description The one error envelope */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
                /** @description The one error envelope */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/staff/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: number;
                            email: string;
                            name: string;
                            /** @enum {unknown} */
                            role: "admin" | "ops" | "helpdesk";
                            active: boolean;
                            /** Format: date-time */
                            lastLoginAt: string | null;
                            /** Format: date-time */
                            createdAt: string;
                            /** Format: date-time */
                            mfaEnabledAt: string | null;
                            /** @description Granted: may read message subjects, senders and Message-IDs (admins may regardless) */
                            canViewMessageMetadata: boolean;
                        };
                    };
                };
                /** @description The one error envelope */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
                /** @description The one error envelope */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
                /** @description The one error envelope */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
                /** @description The one error envelope */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
            };
        };
        /** Update a staff user (password optional) */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        id?: number;
                        email?: string;
                        lastLoginAt?: string | null;
                        createdAt?: string;
                        mfaEnabledAt?: string | null;
                        canViewMessageMetadata?: boolean;
                        name?: string;
                        /** @enum {unknown} */
                        role?: "admin" | "ops" | "helpdesk";
                        active?: boolean;
                        password?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: number;
                            email: string;
                            name: string;
                            /** @enum {unknown} */
                            role: "admin" | "ops" | "helpdesk";
                            active: boolean;
                            /** Format: date-time */
                            lastLoginAt: string | null;
                            /** Format: date-time */
                            createdAt: string;
                            /** Format: date-time */
                            mfaEnabledAt: string | null;
                            /** @description Granted: may read message subjects, senders and Message-IDs (admins may regardless) */
                            canViewMessageMetadata: boolean;
                        };
                    };
                };
                /** @description The one error envelope */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
                /** @description The one error envelope */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
                /** @description The one error envelope */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
                /** @description The one error envelope */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
                /** @description The one error envelope */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
            };
        };
        post?: never;
        /** Delete a staff user */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: number;
                            email: string;
                            name: string;
                            /** @enum {unknown} */
                            role: "admin" | "ops" | "helpdesk";
                            active: boolean;
                            /** Format: date-time */
                            lastLoginAt: string | null;
                            /** Format: date-time */
                            createdAt: string;
                            /** Format: date-time */
                            mfaEnabledAt: string | null;
                            /** @description Granted: may read message subjects, senders and Message-IDs (admins may regardless) */
                            canViewMessageMetadata: boolean;
                        };
                    };
                };
                /** @description The one error envelope */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
                /** @description The one error envelope */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
                /** @description The one error envelope */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
                /** @description The one error envelope */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
                /** @description The one error envelope */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/staff/{id}/sessions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Sign a staff user out everywhere (ends all of the user's sessions) */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            ended: number;
                        };
                    };
                };
                /** @description The one error envelope */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
                /** @description The one error envelope */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
                /** @description The one error envelope */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
                /** @description The one error envelope */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/staff/{id}/mfa": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Reset a staff user's MFA (secret and recovery codes gone; their sessions end; they enrol again) */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: number;
                            email: string;
                            name: string;
                            /** @enum {unknown} */
                            role: "admin" | "ops" | "helpdesk";
                            active: boolean;
                            /** Format: date-time */
                            lastLoginAt: string | null;
                            /** Format: date-time */
                            createdAt: string;
                            /** Format: date-time */
                            mfaEnabledAt: string | null;
                            /** @description Granted: may read message subjects, senders and Message-IDs (admins may regardless) */
                            canViewMessageMetadata: boolean;
                        };
                    };
                };
                /** @description The one error envelope */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
                /** @description The one error envelope */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
                /** @description The one error envelope */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
                /** @description The one error envelope */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/audit-events/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List audit events (newest first)
         * @description filter (JSON): actorType (staff|system), actorEmail, entityType, entityId, action (exact, or a prefix ending in *), from and to (ISO dates, inclusive), q (action, actor or entity id).
         */
        get: {
            parameters: {
                query?: {
                    /** @description JSON ["field","ASC"|"DESC"] */
                    sort?: string;
                    /** @description JSON [start, end], inclusive */
                    range?: string;
                    /** @description JSON object of filters */
                    filter?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: number;
                            /** Format: date-time */
                            at: string;
                            /** @enum {unknown} */
                            actorType: "staff" | "system";
                            actorEmail: string | null;
                            action: string;
                            entityType: string;
                            entityId: string | null;
                            /** @description What entityId stands for: the address, plan or policy name, staff email or article title; null when none or gone */
                            entityName: string | null;
                            before: unknown;
                            after: unknown;
                            reqId: string | null;
                        }[];
                    };
                };
                /** @description The one error envelope */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
                /** @description The one error envelope */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
                /** @description The one error envelope */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/audit-events/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: number;
                            /** Format: date-time */
                            at: string;
                            /** @enum {unknown} */
                            actorType: "staff" | "system";
                            actorEmail: string | null;
                            action: string;
                            entityType: string;
                            entityId: string | null;
                            /** @description What entityId stands for: the address, plan or policy name, staff email or article title; null when none or gone */
                            entityName: string | null;
                            before: unknown;
                            after: unknown;
                            reqId: string | null;
                        };
                    };
                };
                /** @description The one error envelope */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
                /** @description The one error envelope */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
                /** @description The one error envelope */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
                /** @description The one error envelope */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/mailboxes/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Find mailboxes */
        get: {
            parameters: {
                query?: {
                    /** @description JSON ["field","ASC"|"DESC"] */
                    sort?: string;
                    /** @description JSON [start, end], inclusive */
                    range?: string;
                    /** @description JSON object of filters */
                    filter?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: number;
                            address: string;
                            displayName: string;
                            imapLogin: string;
                            /** @enum {unknown} */
                            status: "active" | "disabled";
                            alternateEmail: string | null;
                            planId: number | null;
                            planName: string | null;
                            limitOverrideBytes: number | null;
                            effectiveLimitBytes: number | null;
                            usedBytes: number | null;
                            usedMessages: number | null;
                            usagePercent: number | null;
                            usageSource: string | null;
                            /** Format: date-time */
                            scannedAt: string | null;
                            scanError: string | null;
                            /** @description The storage limit the IMAP server reported at the last scan (null: none) */
                            serverLimitBytes: number | null;
                            /** @description At the last scan the server enforced another limit than effectiveLimitBytes (whole KiB) */
                            serverLimitMismatch: boolean;
                            /** Format: date-time */
                            probedAt: string | null;
                            /** @description Capabilities, quota root and folders seen by the last probe */
                            probeResult: unknown;
                            probeError: string | null;
                            /** Format: date-time */
                            createdAt: string;
                            /** Format: date-time */
                            updatedAt: string;
                        }[];
                    };
                };
                /** @description The one error envelope */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
                /** @description The one error envelope */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
                /** @description The one error envelope */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
            };
        };
        put?: never;
        /** Register a mailbox */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** Format: email */
                        address: string;
                        displayName?: string;
                        /** @description Defaults to the address */
                        imapLogin?: string;
                        /** @enum {unknown} */
                        status?: "active" | "disabled";
                        /** Format: email */
                        alternateEmail?: string | null;
                        planId?: number | null;
                        /** @description bytes */
                        limitOverrideBytes?: number | null;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: number;
                            address: string;
                            displayName: string;
                            imapLogin: string;
                            /** @enum {unknown} */
                            status: "active" | "disabled";
                            alternateEmail: string | null;
                            planId: number | null;
                            planName: string | null;
                            limitOverrideBytes: number | null;
                            effectiveLimitBytes: number | null;
                            usedBytes: number | null;
                            usedMessages: number | null;
                            usagePercent: number | null;
                            usageSource: string | null;
                            /** Format: date-time */
                            scannedAt: string | null;
                            scanError: string | null;
                            /** @description The storage limit the IMAP server reported at the last scan (null: none) */
                            serverLimitBytes: number | null;
                            /** @description At the last scan the server enforced another limit than effectiveLimitBytes (whole KiB) */
                            serverLimitMismatch: boolean;
                            /** Format: date-time */
                            probedAt: string | null;
                            /** @description Capabilities, quota root and folders seen by the last probe */
                            probeResult: unknown;
                            probeError: string | null;
                            /** Format: date-time */
                            createdAt: string;
                            /** Format: date-time */
                            updatedAt: string;
                        };
                    };
                };
                /** @description The one error envelope */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
                /** @description The one error envelope */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
                /** @description The one error envelope */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
                /** @description The one error envelope */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/mailboxes/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One mailbox, with its effective limit explained */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: number;
                            address: string;
                            displayName: string;
                            imapLogin: string;
                            /** @enum {unknown} */
                            status: "active" | "disabled";
                            alternateEmail: string | null;
                            planId: number | null;
                            planName: string | null;
                            limitOverrideBytes: number | null;
                            effectiveLimitBytes: number | null;
                            usedBytes: number | null;
                            usedMessages: number | null;
                            usagePercent: number | null;
                            usageSource: string | null;
                            /** Format: date-time */
                            scannedAt: string | null;
                            scanError: string | null;
                            /** @description The storage limit the IMAP server reported at the last scan (null: none) */
                            serverLimitBytes: number | null;
                            /** @description At the last scan the server enforced another limit than effectiveLimitBytes (whole KiB) */
                            serverLimitMismatch: boolean;
                            /** Format: date-time */
                            probedAt: string | null;
                            /** @description Capabilities, quota root and folders seen by the last probe */
                            probeResult: unknown;
                            probeError: string | null;
                            /** Format: date-time */
                            createdAt: string;
                            /** Format: date-time */
                            updatedAt: string;
                            limit: {
                                effectiveLimitBytes: number | null;
                                baseBytes: number | null;
                                /** @enum {unknown} */
                                baseSource: "override" | "plan" | "none";
                                parts: {
                                    /** @enum {unknown} */
                                    kind: "plan" | "override" | "temporary-increase";
                                    bytes: number;
                                    label: string;
                                    expiresAt?: string;
                                }[];
                            } | null;
                            /** @description [{ path, specialUse, messages, bytes }] from the last scan */
                            usageFolders: unknown;
                        };
                    };
                };
                /** @description The one error envelope */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
                /** @description The one error envelope */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
                /** @description The one error envelope */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
                /** @description The one error envelope */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
            };
        };
        /** Change plan, override, alternate address, name or status */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        displayName?: string;
                        planId?: number | null;
                        /** @description bytes */
                        limitOverrideBytes?: number | null;
                        /** Format: email */
                        alternateEmail?: string | null;
                        /** @enum {unknown} */
                        status?: "active" | "disabled";
                        /** @description Why (kept in the audit log) */
                        reason?: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: number;
                            address: string;
                            displayName: string;
                            imapLogin: string;
                            /** @enum {unknown} */
                            status: "active" | "disabled";
                            alternateEmail: string | null;
                            planId: number | null;
                            planName: string | null;
                            limitOverrideBytes: number | null;
                            effectiveLimitBytes: number | null;
                            usedBytes: number | null;
                            usedMessages: number | null;
                            usagePercent: number | null;
                            usageSource: string | null;
                            /** Format: date-time */
                            scannedAt: string | null;
                            scanError: string | null;
                            /** @description The storage limit the IMAP server reported at the last scan (null: none) */
                            serverLimitBytes: number | null;
                            /** @description At the last scan the server enforced another limit than effectiveLimitBytes (whole KiB) */
                            serverLimitMismatch: boolean;
                            /** Format: date-time */
                            probedAt: string | null;
                            /** @description Capabilities, quota root and folders seen by the last probe */
                            probeResult: unknown;
                            probeError: string | null;
                            /** Format: date-time */
                            createdAt: string;
                            /** Format: date-time */
                            updatedAt: string;
                        };
                    };
                };
                /** @description The one error envelope */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
                /** @description The one error envelope */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
                /** @description The one error envelope */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
                /** @description The one error envelope */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/mailboxes/{id}/probe": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Probe over IMAP (capabilities, quota root, folders); the result lands on the mailbox */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            jobId: string;
                            queue: string;
                        };
                    };
                };
                /** @description The one error envelope */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
                /** @description The one error envelope */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
                /** @description The one error envelope */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
                /** @description The one error envelope */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/mailboxes/{id}/scan": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Recalculate usage now */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            jobId: string;
                            queue: string;
                        };
                    };
                };
                /** @description The one error envelope */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
                /** @description The one error envelope */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
                /** @description The one error envelope */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
                /** @description The one error envelope */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/mailboxes/scan-all": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Recalculate usage of every active mailbox (fanned out by a worker) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            jobId: string;
                            queue: string;
                        };
                    };
                };
                /** @description The one error envelope */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
                /** @description The one error envelope */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
                /** @description The one error envelope */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/mailboxes/{id}/usage-history": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Usage samples of the last N days (one per scan, thinned out with age), oldest first */
        get: {
            parameters: {
                query: {
                    days: number;
                };
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: date-time */
                            at: string;
                            usedBytes: number;
                            usedMessages: number;
                            limitBytes: number | null;
                        }[];
                    };
                };
                /** @description The one error envelope */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
                /** @description The one error envelope */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
                /** @description The one error envelope */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
                /** @description The one error envelope */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/mailboxes/import": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Import mailboxes from CSV (address,displayName,plan,limitOverrideBytes) */
        post: {
            parameters: {
                query: {
                    mode: "all" | "valid-only";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            /** @description CSV with a header row */
            requestBody: {
                content: {
                    "text/csv": string;
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            imported: number;
                            errors: {
                                line: number;
                                field?: string;
                                message: string;
                            }[];
                            warnings: {
                                line: number;
                                field?: string;
                                message: string;
                            }[];
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                            errors?: {
                                line: number;
                                field?: string;
                                message: string;
                            }[];
                            warnings?: {
                                line: number;
                                field?: string;
                                message: string;
                            }[];
                        };
                    };
                };
                /** @description The one error envelope */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
                /** @description The one error envelope */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/plans/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List quota plans */
        get: {
            parameters: {
                query?: {
                    /** @description JSON ["field","ASC"|"DESC"] */
                    sort?: string;
                    /** @description JSON [start, end], inclusive */
                    range?: string;
                    /** @description JSON object of filters */
                    filter?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: number;
                            name: string;
                            /** @description bytes */
                            storageLimitBytes: number;
                            messageLimit: number | null;
                            /** @description percent, ascending */
                            warnThresholds: number[];
                            gracePercent: number;
                            /** @enum {unknown} */
                            overQuotaReply: "permanent" | "temporary";
                            /** Format: email */
                            adminCopyEmail: string | null;
                            isDefault: boolean;
                            mailboxCount: number;
                            /** @description Retention policy of mailboxes on this plan (null = the default policy); set with PUT /api/plans/:id/retention-policy */
                            retentionPolicyId: number | null;
                        }[];
                    };
                };
                /** @description The one error envelope */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
                /** @description The one error envelope */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
                /** @description The one error envelope */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
            };
        };
        put?: never;
        /** Create a quota plan */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        name: string;
                        /** @description bytes */
                        storageLimitBytes: number;
                        messageLimit?: number | null;
                        /** @description percent, ascending */
                        warnThresholds?: number[];
                        gracePercent?: number;
                        /** @enum {unknown} */
                        overQuotaReply?: "permanent" | "temporary";
                        /** Format: email */
                        adminCopyEmail?: string | null;
                        isDefault?: boolean;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: number;
                            name: string;
                            /** @description bytes */
                            storageLimitBytes: number;
                            messageLimit: number | null;
                            /** @description percent, ascending */
                            warnThresholds: number[];
                            gracePercent: number;
                            /** @enum {unknown} */
                            overQuotaReply: "permanent" | "temporary";
                            /** Format: email */
                            adminCopyEmail: string | null;
                            isDefault: boolean;
                            mailboxCount: number;
                            /** @description Retention policy of mailboxes on this plan (null = the default policy); set with PUT /api/plans/:id/retention-policy */
                            retentionPolicyId: number | null;
                        };
                    };
                };
                /** @description The one error envelope */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
                /** @description The one error envelope */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
                /** @description The one error envelope */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
                /** @description The one error envelope */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/plans/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: number;
                            name: string;
                            /** @description bytes */
                            storageLimitBytes: number;
                            messageLimit: number | null;
                            /** @description percent, ascending */
                            warnThresholds: number[];
                            gracePercent: number;
                            /** @enum {unknown} */
                            overQuotaReply: "permanent" | "temporary";
                            /** Format: email */
                            adminCopyEmail: string | null;
                            isDefault: boolean;
                            mailboxCount: number;
                            /** @description Retention policy of mailboxes on this plan (null = the default policy); set with PUT /api/plans/:id/retention-policy */
                            retentionPolicyId: number | null;
                        };
                    };
                };
                /** @description The one error envelope */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
                /** @description The one error envelope */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
                /** @description The one error envelope */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
                /** @description The one error envelope */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
            };
        };
        /** Update a quota plan */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        name?: string;
                        /** @description bytes */
                        storageLimitBytes?: number;
                        messageLimit?: number | null;
                        /** @description percent, ascending */
                        warnThresholds?: number[];
                        gracePercent?: number;
                        /** @enum {unknown} */
                        overQuotaReply?: "permanent" | "temporary";
                        /** Format: email */
                        adminCopyEmail?: string | null;
                        isDefault?: boolean;
                        id?: number;
                        mailboxCount?: number;
                        retentionPolicyId?: number | null;
                        /** @description Why (a ticket, a request): kept in the audit log with the change */
                        reason?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: number;
                            name: string;
                            /** @description bytes */
                            storageLimitBytes: number;
                            messageLimit: number | null;
                            /** @description percent, ascending */
                            warnThresholds: number[];
                            gracePercent: number;
                            /** @enum {unknown} */
                            overQuotaReply: "permanent" | "temporary";
                            /** Format: email */
                            adminCopyEmail: string | null;
                            isDefault: boolean;
                            mailboxCount: number;
                            /** @description Retention policy of mailboxes on this plan (null = the default policy); set with PUT /api/plans/:id/retention-policy */
                            retentionPolicyId: number | null;
                        };
                    };
                };
                /** @description The one error envelope */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
                /** @description The one error envelope */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
                /** @description The one error envelope */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
                /** @description The one error envelope */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
                /** @description The one error envelope */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
            };
        };
        post?: never;
        /** Delete an unused quota plan */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: number;
                            name: string;
                            /** @description bytes */
                            storageLimitBytes: number;
                            messageLimit: number | null;
                            /** @description percent, ascending */
                            warnThresholds: number[];
                            gracePercent: number;
                            /** @enum {unknown} */
                            overQuotaReply: "permanent" | "temporary";
                            /** Format: email */
                            adminCopyEmail: string | null;
                            isDefault: boolean;
                            mailboxCount: number;
                            /** @description Retention policy of mailboxes on this plan (null = the default policy); set with PUT /api/plans/:id/retention-policy */
                            retentionPolicyId: number | null;
                        };
                    };
                };
                /** @description The one error envelope */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
                /** @description The one error envelope */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
                /** @description The one error envelope */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
                /** @description The one error envelope */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
                /** @description The one error envelope */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/temporary-increases/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List temporary increases */
        get: {
            parameters: {
                query?: {
                    /** @description JSON ["field","ASC"|"DESC"] */
                    sort?: string;
                    /** @description JSON [start, end], inclusive */
                    range?: string;
                    /** @description JSON object of filters */
                    filter?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: number;
                            mailboxId: number;
                            extraBytes: number;
                            reason: string;
                            /** Format: date-time */
                            expiresAt: string;
                            createdBy: string;
                            /** Format: date-time */
                            createdAt: string;
                            /** Format: date-time */
                            endedAt: string | null;
                        }[];
                    };
                };
                /** @description The one error envelope */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
                /** @description The one error envelope */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
                /** @description The one error envelope */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
            };
        };
        put?: never;
        /** Grant extra quota until a date */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        mailboxId: number;
                        /** @description bytes */
                        extraBytes: number;
                        /** Format: date-time */
                        expiresAt: string;
                        reason: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: number;
                            mailboxId: number;
                            extraBytes: number;
                            reason: string;
                            /** Format: date-time */
                            expiresAt: string;
                            createdBy: string;
                            /** Format: date-time */
                            createdAt: string;
                            /** Format: date-time */
                            endedAt: string | null;
                        };
                    };
                };
                /** @description The one error envelope */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
                /** @description The one error envelope */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
                /** @description The one error envelope */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/temporary-increases/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** End an increase now (the limit reverts at once) */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: number;
                            mailboxId: number;
                            extraBytes: number;
                            reason: string;
                            /** Format: date-time */
                            expiresAt: string;
                            createdBy: string;
                            /** Format: date-time */
                            createdAt: string;
                            /** Format: date-time */
                            endedAt: string | null;
                        };
                    };
                };
                /** @description The one error envelope */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
                /** @description The one error envelope */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
                /** @description The one error envelope */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
                /** @description The one error envelope */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
                /** @description The one error envelope */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/notifications/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List notifications */
        get: {
            parameters: {
                query?: {
                    /** @description JSON ["field","ASC"|"DESC"] */
                    sort?: string;
                    /** @description JSON [start, end], inclusive */
                    range?: string;
                    /** @description JSON object of filters */
                    filter?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: number;
                            mailboxId: number;
                            /** @enum {unknown} */
                            kind: "near_quota" | "over_quota" | "back_under" | "increase_ending" | "increase_ended" | "expiry_notice" | "space_request_approved" | "space_request_refused";
                            threshold: number | null;
                            toAddress: string;
                            ccAddress: string | null;
                            /** @enum {unknown} */
                            status: "pending" | "sending" | "sent" | "failed" | "unknown";
                            attempts: number;
                            subject: string | null;
                            smtpMessageId: string | null;
                            error: string | null;
                            /** Format: date-time */
                            sentAt: string | null;
                            /** Format: date-time */
                            claimedAt: string | null;
                            /** Format: date-time */
                            createdAt: string;
                            /** @description For a staff resend: the notification it repeats */
                            resendOfId: number | null;
                        }[];
                    };
                };
                /** @description The one error envelope */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
                /** @description The one error envelope */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
                /** @description The one error envelope */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/notifications/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: number;
                            mailboxId: number;
                            /** @enum {unknown} */
                            kind: "near_quota" | "over_quota" | "back_under" | "increase_ending" | "increase_ended" | "expiry_notice" | "space_request_approved" | "space_request_refused";
                            threshold: number | null;
                            toAddress: string;
                            ccAddress: string | null;
                            /** @enum {unknown} */
                            status: "pending" | "sending" | "sent" | "failed" | "unknown";
                            attempts: number;
                            subject: string | null;
                            smtpMessageId: string | null;
                            error: string | null;
                            /** Format: date-time */
                            sentAt: string | null;
                            /** Format: date-time */
                            claimedAt: string | null;
                            /** Format: date-time */
                            createdAt: string;
                            /** @description For a staff resend: the notification it repeats */
                            resendOfId: number | null;
                        };
                    };
                };
                /** @description The one error envelope */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
                /** @description The one error envelope */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
                /** @description The one error envelope */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
                /** @description The one error envelope */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/notifications/{id}/resend": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Send a notice again (a new notification linked to it), to the mailbox's current recipients */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description Why it is sent again (kept in the audit log) */
                        reason: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: number;
                            mailboxId: number;
                            /** @enum {unknown} */
                            kind: "near_quota" | "over_quota" | "back_under" | "increase_ending" | "increase_ended" | "expiry_notice" | "space_request_approved" | "space_request_refused";
                            threshold: number | null;
                            toAddress: string;
                            ccAddress: string | null;
                            /** @enum {unknown} */
                            status: "pending" | "sending" | "sent" | "failed" | "unknown";
                            attempts: number;
                            subject: string | null;
                            smtpMessageId: string | null;
                            error: string | null;
                            /** Format: date-time */
                            sentAt: string | null;
                            /** Format: date-time */
                            claimedAt: string | null;
                            /** Format: date-time */
                            createdAt: string;
                            /** @description For a staff resend: the notification it repeats */
                            resendOfId: number | null;
                        };
                    };
                };
                /** @description The one error envelope */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
                /** @description The one error envelope */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
                /** @description The one error envelope */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
                /** @description The one error envelope */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
                /** @description The one error envelope */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/retention-policies/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List retention policies (with their rules) */
        get: {
            parameters: {
                query?: {
                    /** @description JSON ["field","ASC"|"DESC"] */
                    sort?: string;
                    /** @description JSON [start, end], inclusive */
                    range?: string;
                    /** @description JSON object of filters */
                    filter?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: number;
                            name: string;
                            description: string;
                            isDefault: boolean;
                            rules: {
                                id: number;
                                position: number;
                                /** @description INBOX, an exact folder name, a glob with * and ? (e.g. "Lists/*"), or a SPECIAL-USE flag (\Trash, \Junk, \Sent, \Archive, \Drafts, \All, \Flagged, \Important) */
                                folderSelector: string;
                                maxAgeDays: number;
                                /**
                                 * @description received = INTERNALDATE; sent = the Date: header; saved = RFC 8514 save date (e.g. when moved to Trash), needs SAVEDATE
                                 * @enum {unknown}
                                 */
                                ageBasis: "received" | "sent" | "saved";
                                /** @enum {unknown} */
                                action: "delete" | "move";
                                /** @description Destination folder (name or special-use flag); required for move, empty for delete */
                                moveTo: string | null;
                                /** @description Exempt \Flagged messages */
                                keepFlagged: boolean;
                                /** @description Exempt unread (not \Seen) messages */
                                keepUnread: boolean;
                                /** @description Warn the user this many days before removal */
                                noticeDays: number | null;
                            }[];
                            /** @description Plans assigning this policy */
                            planCount: number;
                            /** @description Mailboxes assigned this policy directly */
                            mailboxCount: number;
                            /** Format: date-time */
                            createdAt: string;
                            /** Format: date-time */
                            updatedAt: string;
                        }[];
                    };
                };
                /** @description The one error envelope */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
                /** @description The one error envelope */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
                /** @description The one error envelope */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
            };
        };
        put?: never;
        /**
         * Create a retention policy
         * @description Rules are ordered; for each folder the first rule whose selector matches wins. Overlapping rules (identical selectors, or one entirely shadowed by an earlier glob), unknown special-use folders and moves into a folder that deletes sooner are refused with 400 naming body.rules.N.<field>.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        name: string;
                        description?: string;
                        isDefault?: boolean;
                        /** @description Ordered: for each folder the first matching rule wins */
                        rules: {
                            /** @description INBOX, an exact folder name, a glob with * and ? (e.g. "Lists/*"), or a SPECIAL-USE flag (\Trash, \Junk, \Sent, \Archive, \Drafts, \All, \Flagged, \Important) */
                            folderSelector: string;
                            maxAgeDays: number;
                            /**
                             * @description received = INTERNALDATE; sent = the Date: header; saved = RFC 8514 save date (e.g. when moved to Trash), needs SAVEDATE
                             * @enum {unknown}
                             */
                            ageBasis?: "received" | "sent" | "saved";
                            /** @enum {unknown} */
                            action?: "delete" | "move";
                            /** @description Destination folder (name or special-use flag); required for move, empty for delete */
                            moveTo?: string | null;
                            /** @description Exempt \Flagged messages */
                            keepFlagged?: boolean;
                            /** @description Exempt unread (not \Seen) messages */
                            keepUnread?: boolean;
                            /** @description Warn the user this many days before removal */
                            noticeDays?: number | null;
                            id?: number;
                            position?: number;
                        }[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: number;
                            name: string;
                            description: string;
                            isDefault: boolean;
                            rules: {
                                id: number;
                                position: number;
                                /** @description INBOX, an exact folder name, a glob with * and ? (e.g. "Lists/*"), or a SPECIAL-USE flag (\Trash, \Junk, \Sent, \Archive, \Drafts, \All, \Flagged, \Important) */
                                folderSelector: string;
                                maxAgeDays: number;
                                /**
                                 * @description received = INTERNALDATE; sent = the Date: header; saved = RFC 8514 save date (e.g. when moved to Trash), needs SAVEDATE
                                 * @enum {unknown}
                                 */
                                ageBasis: "received" | "sent" | "saved";
                                /** @enum {unknown} */
                                action: "delete" | "move";
                                /** @description Destination folder (name or special-use flag); required for move, empty for delete */
                                moveTo: string | null;
                                /** @description Exempt \Flagged messages */
                                keepFlagged: boolean;
                                /** @description Exempt unread (not \Seen) messages */
                                keepUnread: boolean;
                                /** @description Warn the user this many days before removal */
                                noticeDays: number | null;
                            }[];
                            /** @description Plans assigning this policy */
                            planCount: number;
                            /** @description Mailboxes assigned this policy directly */
                            mailboxCount: number;
                            /** Format: date-time */
                            createdAt: string;
                            /** Format: date-time */
                            updatedAt: string;
                        };
                    };
                };
                /** @description The one error envelope */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
                /** @description The one error envelope */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
                /** @description The one error envelope */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
                /** @description The one error envelope */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/retention-policies/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One retention policy */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: number;
                            name: string;
                            description: string;
                            isDefault: boolean;
                            rules: {
                                id: number;
                                position: number;
                                /** @description INBOX, an exact folder name, a glob with * and ? (e.g. "Lists/*"), or a SPECIAL-USE flag (\Trash, \Junk, \Sent, \Archive, \Drafts, \All, \Flagged, \Important) */
                                folderSelector: string;
                                maxAgeDays: number;
                                /**
                                 * @description received = INTERNALDATE; sent = the Date: header; saved = RFC 8514 save date (e.g. when moved to Trash), needs SAVEDATE
                                 * @enum {unknown}
                                 */
                                ageBasis: "received" | "sent" | "saved";
                                /** @enum {unknown} */
                                action: "delete" | "move";
                                /** @description Destination folder (name or special-use flag); required for move, empty for delete */
                                moveTo: string | null;
                                /** @description Exempt \Flagged messages */
                                keepFlagged: boolean;
                                /** @description Exempt unread (not \Seen) messages */
                                keepUnread: boolean;
                                /** @description Warn the user this many days before removal */
                                noticeDays: number | null;
                            }[];
                            /** @description Plans assigning this policy */
                            planCount: number;
                            /** @description Mailboxes assigned this policy directly */
                            mailboxCount: number;
                            /** Format: date-time */
                            createdAt: string;
                            /** Format: date-time */
                            updatedAt: string;
                        };
                    };
                };
                /** @description The one error envelope */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
                /** @description The one error envelope */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
                /** @description The one error envelope */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
                /** @description The one error envelope */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
            };
        };
        /** Update a retention policy (rules, when given, replace the old ones in order) */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        name?: string;
                        description?: string;
                        isDefault?: boolean;
                        /** @description Ordered: for each folder the first matching rule wins */
                        rules?: {
                            /** @description INBOX, an exact folder name, a glob with * and ? (e.g. "Lists/*"), or a SPECIAL-USE flag (\Trash, \Junk, \Sent, \Archive, \Drafts, \All, \Flagged, \Important) */
                            folderSelector: string;
                            maxAgeDays: number;
                            /**
                             * @description received = INTERNALDATE; sent = the Date: header; saved = RFC 8514 save date (e.g. when moved to Trash), needs SAVEDATE
                             * @enum {unknown}
                             */
                            ageBasis?: "received" | "sent" | "saved";
                            /** @enum {unknown} */
                            action?: "delete" | "move";
                            /** @description Destination folder (name or special-use flag); required for move, empty for delete */
                            moveTo?: string | null;
                            /** @description Exempt \Flagged messages */
                            keepFlagged?: boolean;
                            /** @description Exempt unread (not \Seen) messages */
                            keepUnread?: boolean;
                            /** @description Warn the user this many days before removal */
                            noticeDays?: number | null;
                            id?: number;
                            position?: number;
                        }[];
                        id?: number;
                        planCount?: number;
                        mailboxCount?: number;
                        createdAt?: string;
                        updatedAt?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: number;
                            name: string;
                            description: string;
                            isDefault: boolean;
                            rules: {
                                id: number;
                                position: number;
                                /** @description INBOX, an exact folder name, a glob with * and ? (e.g. "Lists/*"), or a SPECIAL-USE flag (\Trash, \Junk, \Sent, \Archive, \Drafts, \All, \Flagged, \Important) */
                                folderSelector: string;
                                maxAgeDays: number;
                                /**
                                 * @description received = INTERNALDATE; sent = the Date: header; saved = RFC 8514 save date (e.g. when moved to Trash), needs SAVEDATE
                                 * @enum {unknown}
                                 */
                                ageBasis: "received" | "sent" | "saved";
                                /** @enum {unknown} */
                                action: "delete" | "move";
                                /** @description Destination folder (name or special-use flag); required for move, empty for delete */
                                moveTo: string | null;
                                /** @description Exempt \Flagged messages */
                                keepFlagged: boolean;
                                /** @description Exempt unread (not \Seen) messages */
                                keepUnread: boolean;
                                /** @description Warn the user this many days before removal */
                                noticeDays: number | null;
                            }[];
                            /** @description Plans assigning this policy */
                            planCount: number;
                            /** @description Mailboxes assigned this policy directly */
                            mailboxCount: number;
                            /** Format: date-time */
                            createdAt: string;
                            /** Format: date-time */
                            updatedAt: string;
                        };
                    };
                };
                /** @description The one error envelope */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
                /** @description The one error envelope */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
                /** @description The one error envelope */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
                /** @description The one error envelope */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
                /** @description The one error envelope */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
            };
        };
        post?: never;
        /** Delete a retention policy nothing uses */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: number;
                            name: string;
                            description: string;
                            isDefault: boolean;
                            rules: {
                                id: number;
                                position: number;
                                /** @description INBOX, an exact folder name, a glob with * and ? (e.g. "Lists/*"), or a SPECIAL-USE flag (\Trash, \Junk, \Sent, \Archive, \Drafts, \All, \Flagged, \Important) */
                                folderSelector: string;
                                maxAgeDays: number;
                                /**
                                 * @description received = INTERNALDATE; sent = the Date: header; saved = RFC 8514 save date (e.g. when moved to Trash), needs SAVEDATE
                                 * @enum {unknown}
                                 */
                                ageBasis: "received" | "sent" | "saved";
                                /** @enum {unknown} */
                                action: "delete" | "move";
                                /** @description Destination folder (name or special-use flag); required for move, empty for delete */
                                moveTo: string | null;
                                /** @description Exempt \Flagged messages */
                                keepFlagged: boolean;
                                /** @description Exempt unread (not \Seen) messages */
                                keepUnread: boolean;
                                /** @description Warn the user this many days before removal */
                                noticeDays: number | null;
                            }[];
                            /** @description Plans assigning this policy */
                            planCount: number;
                            /** @description Mailboxes assigned this policy directly */
                            mailboxCount: number;
                            /** Format: date-time */
                            createdAt: string;
                            /** Format: date-time */
                            updatedAt: string;
                        };
                    };
                };
                /** @description The one error envelope */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
                /** @description The one error envelope */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
                /** @description The one error envelope */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
                /** @description The one error envelope */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
                /** @description The one error envelope */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/retention-policies/{id}/preview": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Dry-run this policy across every active mailbox it governs (results as an expiry run)
         * @description Enqueues a dry run: nothing is changed. Follow GET /api/expiry-runs/{runId} and /api/expiry-mailbox-runs?filter={"runId":…}.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            runId: number;
                            mailboxRunId?: number;
                            jobId: string;
                            queue: string;
                        };
                    };
                };
                /** @description The one error envelope */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
                /** @description The one error envelope */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
                /** @description The one error envelope */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
                /** @description The one error envelope */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
                /** @description The one error envelope */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/mailboxes/{id}/retention": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The effective retention policy of a mailbox, explained, and the rule that applies to each folder
         * @description Folders come from the last probe (or usage scan); with live=true, or when none is stored, they are listed over IMAP.
         */
        get: {
            parameters: {
                query?: {
                    live?: boolean;
                };
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            mailboxId: number;
                            policy: {
                                id: number;
                                name: string;
                            } | null;
                            /** @enum {unknown} */
                            source: "mailbox" | "plan" | "default" | "none";
                            explanation: string[];
                            /** @description Active legal holds: while there is one, nothing expires */
                            holds: {
                                id: number;
                                mailboxId: number;
                                reason: string;
                                setBy: string;
                                /** Format: date-time */
                                startsAt: string;
                                /** Format: date-time */
                                endsAt: string | null;
                                /** Format: date-time */
                                liftedAt: string | null;
                                liftedBy: string | null;
                                /** Format: date-time */
                                createdAt: string;
                                /** @description Started, not lifted and not past endsAt */
                                active: boolean;
                            }[];
                            /**
                             * @description Where the folder list comes from
                             * @enum {unknown}
                             */
                            foldersSource: "probe" | "scan" | "live" | "none";
                            folders: {
                                path: string;
                                specialUse: string | null;
                                rule: {
                                    id: number;
                                    position: number;
                                    /** @description INBOX, an exact folder name, a glob with * and ? (e.g. "Lists/*"), or a SPECIAL-USE flag (\Trash, \Junk, \Sent, \Archive, \Drafts, \All, \Flagged, \Important) */
                                    folderSelector: string;
                                    maxAgeDays: number;
                                    /**
                                     * @description received = INTERNALDATE; sent = the Date: header; saved = RFC 8514 save date (e.g. when moved to Trash), needs SAVEDATE
                                     * @enum {unknown}
                                     */
                                    ageBasis: "received" | "sent" | "saved";
                                    /** @enum {unknown} */
                                    action: "delete" | "move";
                                    /** @description Destination folder (name or special-use flag); required for move, empty for delete */
                                    moveTo: string | null;
                                    /** @description Exempt \Flagged messages */
                                    keepFlagged: boolean;
                                    /** @description Exempt unread (not \Seen) messages */
                                    keepUnread: boolean;
                                    /** @description Warn the user this many days before removal */
                                    noticeDays: number | null;
                                } | null;
                                moveTarget: string | null;
                                /** @description Why this folder will not be processed as the rule says, e.g. a missing capability */
                                note: string | null;
                            }[];
                        };
                    };
                };
                /** @description The one error envelope */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
                /** @description The one error envelope */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
                /** @description The one error envelope */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
                /** @description The one error envelope */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
                /** @description The one error envelope */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
                /** @description The one error envelope */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
                /** @description The one error envelope */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/mailboxes/{id}/retention-policy": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Assign a retention policy to this mailbox (overrides its plan), or null to follow the plan again */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description null removes the assignment */
                        policyId: number | null;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            mailboxId: number;
                            policy: {
                                id: number;
                                name: string;
                            } | null;
                            /** @enum {unknown} */
                            source: "mailbox" | "plan" | "default" | "none";
                            explanation: string[];
                            /** @description Active legal holds: while there is one, nothing expires */
                            holds: {
                                id: number;
                                mailboxId: number;
                                reason: string;
                                setBy: string;
                                /** Format: date-time */
                                startsAt: string;
                                /** Format: date-time */
                                endsAt: string | null;
                                /** Format: date-time */
                                liftedAt: string | null;
                                liftedBy: string | null;
                                /** Format: date-time */
                                createdAt: string;
                                /** @description Started, not lifted and not past endsAt */
                                active: boolean;
                            }[];
                            /**
                             * @description Where the folder list comes from
                             * @enum {unknown}
                             */
                            foldersSource: "probe" | "scan" | "live" | "none";
                            folders: {
                                path: string;
                                specialUse: string | null;
                                rule: {
                                    id: number;
                                    position: number;
                                    /** @description INBOX, an exact folder name, a glob with * and ? (e.g. "Lists/*"), or a SPECIAL-USE flag (\Trash, \Junk, \Sent, \Archive, \Drafts, \All, \Flagged, \Important) */
                                    folderSelector: string;
                                    maxAgeDays: number;
                                    /**
                                     * @description received = INTERNALDATE; sent = the Date: header; saved = RFC 8514 save date (e.g. when moved to Trash), needs SAVEDATE
                                     * @enum {unknown}
                                     */
                                    ageBasis: "received" | "sent" | "saved";
                                    /** @enum {unknown} */
                                    action: "delete" | "move";
                                    /** @description Destination folder (name or special-use flag); required for move, empty for delete */
                                    moveTo: string | null;
                                    /** @description Exempt \Flagged messages */
                                    keepFlagged: boolean;
                                    /** @description Exempt unread (not \Seen) messages */
                                    keepUnread: boolean;
                                    /** @description Warn the user this many days before removal */
                                    noticeDays: number | null;
                                } | null;
                                moveTarget: string | null;
                                /** @description Why this folder will not be processed as the rule says, e.g. a missing capability */
                                note: string | null;
                            }[];
                        };
                    };
                };
                /** @description The one error envelope */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
                /** @description The one error envelope */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
                /** @description The one error envelope */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
                /** @description The one error envelope */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/mailboxes/{id}/expiry-preview": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Dry-run preview, now, over IMAP: what expiry would remove per folder (count, bytes, oldest/newest, up to 20 samples)
         * @description Read-only (folders are opened with EXAMINE) and read by a worker while the request waits (409 when the IMAP server refuses the mailbox login, 429 when too many wait, 503 when no worker answers in time). Under an active legal hold a real run removes nothing: heldBy says so, and the folders show what the policy alone would select.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            mailboxId: number;
                            /** Format: date-time */
                            at: string;
                            policy: {
                                id: number;
                                name: string;
                            } | null;
                            explanation: string[];
                            /** @description An active legal hold: a real run would remove nothing */
                            heldBy: {
                                id: number;
                                reason: string;
                                setBy: string;
                            } | null;
                            folders: {
                                path: string;
                                specialUse: string | null;
                                ruleId: number;
                                rulePosition: number;
                                /** @enum {unknown} */
                                action: "delete" | "move";
                                moveTo: string | null;
                                /** @enum {unknown} */
                                ageBasis: "received" | "sent" | "saved";
                                maxAgeDays: number;
                                /** @description Messages in the folder */
                                examined: number;
                                /** @description Messages that would be removed now */
                                count: number;
                                /** @description Due by age, but kept until a pre-expiry notice naming them is noticeDays old (gone now only with withoutNotice) */
                                awaitingNotice: number;
                                bytes: number;
                                /** Format: date-time */
                                oldest: string | null;
                                /** Format: date-time */
                                newest: string | null;
                                sample: {
                                    uid: number;
                                    subject: string | null;
                                    from: string | null;
                                    date: string | null;
                                    size: number;
                                }[];
                                error: string | null;
                            }[];
                            totals: {
                                count: number;
                                bytes: number;
                                awaitingNotice: number;
                            };
                        };
                    };
                };
                /** @description The one error envelope */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
                /** @description The one error envelope */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
                /** @description The one error envelope */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
                /** @description The one error envelope */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
                /** @description The one error envelope */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
                /** @description The one error envelope */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
                /** @description The one error envelope */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/mailboxes/{id}/expire": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Expire this mailbox now (or dry-run it): a single-mailbox expiry run
         * @description Follow the run at GET /api/expiry-runs/{runId}; the mailbox row at GET /api/expiry-mailbox-runs/{mailboxRunId}.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /**
                         * @description Only search and count; change nothing
                         * @default false
                         */
                        dryRun?: boolean;
                        /**
                         * @description Expire now without the pre-expiry notice: also removes due mail that no notice announced noticeDays ago. Needs a reason.
                         * @default false
                         */
                        withoutNotice?: boolean;
                        /** @description Why (kept in the audit log); required with withoutNotice */
                        reason?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            runId: number;
                            mailboxRunId?: number;
                            jobId: string;
                            queue: string;
                        };
                    };
                };
                /** @description The one error envelope */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
                /** @description The one error envelope */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
                /** @description The one error envelope */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
                /** @description The one error envelope */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
                /** @description The one error envelope */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/plans/{id}/retention-policy": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Assign a retention policy to a plan, or null for the default policy */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description null removes the assignment */
                        policyId: number | null;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            planId: number;
                            policy: {
                                id: number;
                                name: string;
                            } | null;
                            /** @description Mailboxes on this plan without a policy of their own */
                            mailboxesFollowing: number;
                        };
                    };
                };
                /** @description The one error envelope */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
                /** @description The one error envelope */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
                /** @description The one error envelope */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
                /** @description The one error envelope */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/legal-holds/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List legal holds (filter mailboxId, active) */
        get: {
            parameters: {
                query?: {
                    /** @description JSON ["field","ASC"|"DESC"] */
                    sort?: string;
                    /** @description JSON [start, end], inclusive */
                    range?: string;
                    /** @description JSON object of filters */
                    filter?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: number;
                            mailboxId: number;
                            reason: string;
                            setBy: string;
                            /** Format: date-time */
                            startsAt: string;
                            /** Format: date-time */
                            endsAt: string | null;
                            /** Format: date-time */
                            liftedAt: string | null;
                            liftedBy: string | null;
                            /** Format: date-time */
                            createdAt: string;
                            /** @description Started, not lifted and not past endsAt */
                            active: boolean;
                        }[];
                    };
                };
                /** @description The one error envelope */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
                /** @description The one error envelope */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
                /** @description The one error envelope */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
            };
        };
        put?: never;
        /** Put a mailbox on legal hold (optionally until a date) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        mailboxId: number;
                        reason: string;
                        /**
                         * Format: date-time
                         * @description Default: now
                         */
                        startsAt?: string;
                        /**
                         * Format: date-time
                         * @description The hold ends by itself then; null = until lifted
                         */
                        endsAt?: string | null;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: number;
                            mailboxId: number;
                            reason: string;
                            setBy: string;
                            /** Format: date-time */
                            startsAt: string;
                            /** Format: date-time */
                            endsAt: string | null;
                            /** Format: date-time */
                            liftedAt: string | null;
                            liftedBy: string | null;
                            /** Format: date-time */
                            createdAt: string;
                            /** @description Started, not lifted and not past endsAt */
                            active: boolean;
                        };
                    };
                };
                /** @description The one error envelope */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
                /** @description The one error envelope */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
                /** @description The one error envelope */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/legal-holds/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: number;
                            mailboxId: number;
                            reason: string;
                            setBy: string;
                            /** Format: date-time */
                            startsAt: string;
                            /** Format: date-time */
                            endsAt: string | null;
                            /** Format: date-time */
                            liftedAt: string | null;
                            liftedBy: string | null;
                            /** Format: date-time */
                            createdAt: string;
                            /** @description Started, not lifted and not past endsAt */
                            active: boolean;
                        };
                    };
                };
                /** @description The one error envelope */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
                /** @description The one error envelope */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
                /** @description The one error envelope */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
                /** @description The one error envelope */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        /** Lift a legal hold now (same as POST /:id/lift; the record is kept) */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: number;
                            mailboxId: number;
                            reason: string;
                            setBy: string;
                            /** Format: date-time */
                            startsAt: string;
                            /** Format: date-time */
                            endsAt: string | null;
                            /** Format: date-time */
                            liftedAt: string | null;
                            liftedBy: string | null;
                            /** Format: date-time */
                            createdAt: string;
                            /** @description Started, not lifted and not past endsAt */
                            active: boolean;
                        };
                    };
                };
                /** @description The one error envelope */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
                /** @description The one error envelope */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
                /** @description The one error envelope */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
                /** @description The one error envelope */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
                /** @description The one error envelope */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/legal-holds/{id}/lift": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Lift a legal hold now (it stays on record) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: number;
                            mailboxId: number;
                            reason: string;
                            setBy: string;
                            /** Format: date-time */
                            startsAt: string;
                            /** Format: date-time */
                            endsAt: string | null;
                            /** Format: date-time */
                            liftedAt: string | null;
                            liftedBy: string | null;
                            /** Format: date-time */
                            createdAt: string;
                            /** @description Started, not lifted and not past endsAt */
                            active: boolean;
                        };
                    };
                };
                /** @description The one error envelope */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
                /** @description The one error envelope */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
                /** @description The one error envelope */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
                /** @description The one error envelope */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
                /** @description The one error envelope */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/expiry/status": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Is expiry paused, how many jobs wait, when the next sweep runs, the last run */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            paused: boolean;
                            /** @description expiry jobs per state */
                            jobs: {
                                [key: string]: number;
                            };
                            schedule: {
                                pattern: string | null;
                                /** Format: date-time */
                                next: string | null;
                            } | null;
                            lastRun: {
                                id: number;
                                /** @description "all", "policy:<id>" (preview) or "mailbox:<id>" */
                                scope: string;
                                /** @description The mailbox's address or the policy's name the scope names; null for all or when it no longer exists */
                                scopeName: string | null;
                                dryRun: boolean;
                                /** @description scheduled | manual | preview */
                                trigger: string;
                                createdBy: string | null;
                                /** @enum {unknown} */
                                status: "running" | "completed" | "failed";
                                /** Format: date-time */
                                startedAt: string;
                                /** Format: date-time */
                                finishedAt: string | null;
                                mailboxesTotal: number;
                                error: string | null;
                                totals: {
                                    /** @description Mailbox rows per status */
                                    mailboxes: {
                                        [key: string]: number;
                                    };
                                    examined: number;
                                    matched: number;
                                    deleted: number;
                                    moved: number;
                                    bytesFreed: number;
                                };
                            } | null;
                        };
                    };
                };
                /** @description The one error envelope */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
                /** @description The one error envelope */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
                /** @description The one error envelope */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/expiry/sweep": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Start a sweep of every active mailbox now (one job per mailbox) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /**
                         * @description Only search and count; change nothing
                         * @default false
                         */
                        dryRun?: boolean;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            runId: number;
                            mailboxRunId?: number;
                            jobId: string;
                            queue: string;
                        };
                    };
                };
                /** @description The one error envelope */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
                /** @description The one error envelope */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
                /** @description The one error envelope */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
                /** @description The one error envelope */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/expiry/pause": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Pause expiry on every worker (running mailboxes finish; nothing new starts) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            paused: boolean;
                            /** @description expiry jobs per state */
                            jobs: {
                                [key: string]: number;
                            };
                            schedule: {
                                pattern: string | null;
                                /** Format: date-time */
                                next: string | null;
                            } | null;
                            lastRun: {
                                id: number;
                                /** @description "all", "policy:<id>" (preview) or "mailbox:<id>" */
                                scope: string;
                                /** @description The mailbox's address or the policy's name the scope names; null for all or when it no longer exists */
                                scopeName: string | null;
                                dryRun: boolean;
                                /** @description scheduled | manual | preview */
                                trigger: string;
                                createdBy: string | null;
                                /** @enum {unknown} */
                                status: "running" | "completed" | "failed";
                                /** Format: date-time */
                                startedAt: string;
                                /** Format: date-time */
                                finishedAt: string | null;
                                mailboxesTotal: number;
                                error: string | null;
                                totals: {
                                    /** @description Mailbox rows per status */
                                    mailboxes: {
                                        [key: string]: number;
                                    };
                                    examined: number;
                                    matched: number;
                                    deleted: number;
                                    moved: number;
                                    bytesFreed: number;
                                };
                            } | null;
                        };
                    };
                };
                /** @description The one error envelope */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
                /** @description The one error envelope */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
                /** @description The one error envelope */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/expiry/resume": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Resume expiry */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            paused: boolean;
                            /** @description expiry jobs per state */
                            jobs: {
                                [key: string]: number;
                            };
                            schedule: {
                                pattern: string | null;
                                /** Format: date-time */
                                next: string | null;
                            } | null;
                            lastRun: {
                                id: number;
                                /** @description "all", "policy:<id>" (preview) or "mailbox:<id>" */
                                scope: string;
                                /** @description The mailbox's address or the policy's name the scope names; null for all or when it no longer exists */
                                scopeName: string | null;
                                dryRun: boolean;
                                /** @description scheduled | manual | preview */
                                trigger: string;
                                createdBy: string | null;
                                /** @enum {unknown} */
                                status: "running" | "completed" | "failed";
                                /** Format: date-time */
                                startedAt: string;
                                /** Format: date-time */
                                finishedAt: string | null;
                                mailboxesTotal: number;
                                error: string | null;
                                totals: {
                                    /** @description Mailbox rows per status */
                                    mailboxes: {
                                        [key: string]: number;
                                    };
                                    examined: number;
                                    matched: number;
                                    deleted: number;
                                    moved: number;
                                    bytesFreed: number;
                                };
                            } | null;
                        };
                    };
                };
                /** @description The one error envelope */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
                /** @description The one error envelope */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
                /** @description The one error envelope */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/expiry-runs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List expiry runs (sweeps, previews, single mailboxes) with totals */
        get: {
            parameters: {
                query?: {
                    /** @description JSON ["field","ASC"|"DESC"] */
                    sort?: string;
                    /** @description JSON [start, end], inclusive */
                    range?: string;
                    /** @description JSON object of filters */
                    filter?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: number;
                            /** @description "all", "policy:<id>" (preview) or "mailbox:<id>" */
                            scope: string;
                            /** @description The mailbox's address or the policy's name the scope names; null for all or when it no longer exists */
                            scopeName: string | null;
                            dryRun: boolean;
                            /** @description scheduled | manual | preview */
                            trigger: string;
                            createdBy: string | null;
                            /** @enum {unknown} */
                            status: "running" | "completed" | "failed";
                            /** Format: date-time */
                            startedAt: string;
                            /** Format: date-time */
                            finishedAt: string | null;
                            mailboxesTotal: number;
                            error: string | null;
                            totals: {
                                /** @description Mailbox rows per status */
                                mailboxes: {
                                    [key: string]: number;
                                };
                                examined: number;
                                matched: number;
                                deleted: number;
                                moved: number;
                                bytesFreed: number;
                            };
                        }[];
                    };
                };
                /** @description The one error envelope */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
                /** @description The one error envelope */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
                /** @description The one error envelope */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/expiry-runs/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One expiry run with totals aggregated from its mailbox rows */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: number;
                            /** @description "all", "policy:<id>" (preview) or "mailbox:<id>" */
                            scope: string;
                            /** @description The mailbox's address or the policy's name the scope names; null for all or when it no longer exists */
                            scopeName: string | null;
                            dryRun: boolean;
                            /** @description scheduled | manual | preview */
                            trigger: string;
                            createdBy: string | null;
                            /** @enum {unknown} */
                            status: "running" | "completed" | "failed";
                            /** Format: date-time */
                            startedAt: string;
                            /** Format: date-time */
                            finishedAt: string | null;
                            mailboxesTotal: number;
                            error: string | null;
                            totals: {
                                /** @description Mailbox rows per status */
                                mailboxes: {
                                    [key: string]: number;
                                };
                                examined: number;
                                matched: number;
                                deleted: number;
                                moved: number;
                                bytesFreed: number;
                            };
                        };
                    };
                };
                /** @description The one error envelope */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
                /** @description The one error envelope */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
                /** @description The one error envelope */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
                /** @description The one error envelope */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/expiry-mailbox-runs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Per-mailbox rows of expiry runs (filter runId, mailboxId, status) */
        get: {
            parameters: {
                query?: {
                    /** @description JSON ["field","ASC"|"DESC"] */
                    sort?: string;
                    /** @description JSON [start, end], inclusive */
                    range?: string;
                    /** @description JSON object of filters */
                    filter?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: number;
                            runId: number;
                            mailboxId: number;
                            address: string;
                            /** @description pending | running | done | failed | skipped_hold | stopped_hold | skipped_disabled | skipped_locked | skipped_no_policy */
                            status: string;
                            dryRun: boolean;
                            /** Format: date-time */
                            startedAt: string | null;
                            /** Format: date-time */
                            finishedAt: string | null;
                            folders: {
                                path: string;
                                specialUse: string | null;
                                ruleId: number;
                                rulePosition: number;
                                /** @enum {unknown} */
                                action: "delete" | "move";
                                moveTo: string | null;
                                uidValidity: string | null;
                                examined: number;
                                matched: number;
                                deleted: number;
                                moved: number;
                                /** @description Bytes removed (moved, for a move rule); for a dry run, bytes that would be */
                                bytes: number;
                                error: string | null;
                            }[] | null;
                            examined: number;
                            /** @description Messages the policy selected (for a dry run: what a real run would remove) */
                            matched: number;
                            deleted: number;
                            moved: number;
                            /** @description Bytes deleted; for a dry run, bytes deletion would free */
                            bytesFreed: number;
                            error: string | null;
                        }[];
                    };
                };
                /** @description The one error envelope */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
                /** @description The one error envelope */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
                /** @description The one error envelope */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/expiry-mailbox-runs/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One mailbox of an expiry run, with per-folder figures */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: number;
                            runId: number;
                            mailboxId: number;
                            address: string;
                            /** @description pending | running | done | failed | skipped_hold | stopped_hold | skipped_disabled | skipped_locked | skipped_no_policy */
                            status: string;
                            dryRun: boolean;
                            /** Format: date-time */
                            startedAt: string | null;
                            /** Format: date-time */
                            finishedAt: string | null;
                            folders: {
                                path: string;
                                specialUse: string | null;
                                ruleId: number;
                                rulePosition: number;
                                /** @enum {unknown} */
                                action: "delete" | "move";
                                moveTo: string | null;
                                uidValidity: string | null;
                                examined: number;
                                matched: number;
                                deleted: number;
                                moved: number;
                                /** @description Bytes removed (moved, for a move rule); for a dry run, bytes that would be */
                                bytes: number;
                                error: string | null;
                            }[] | null;
                            examined: number;
                            /** @description Messages the policy selected (for a dry run: what a real run would remove) */
                            matched: number;
                            deleted: number;
                            moved: number;
                            /** @description Bytes deleted; for a dry run, bytes deletion would free */
                            bytesFreed: number;
                            error: string | null;
                        };
                    };
                };
                /** @description The one error envelope */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
                /** @description The one error envelope */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
                /** @description The one error envelope */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
                /** @description The one error envelope */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/expired-messages": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Per-message expiry audit: every message deleted or moved by expiry
         * @description Filter by mailboxRunId, runId, mailboxId, address (the mailbox's exact address, any case), messageId (exact Message-ID), folder, q (subject contains) or state. Without the message-metadata permission (canViewMessageMetadata; admins have it) subject and messageId are null and q is refused (403).
         */
        get: {
            parameters: {
                query?: {
                    /** @description JSON ["field","ASC"|"DESC"] */
                    sort?: string;
                    /** @description JSON [start, end], inclusive */
                    range?: string;
                    /** @description JSON object of filters */
                    filter?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: number;
                            mailboxRunId: number;
                            runId: number;
                            mailboxId: number;
                            folder: string;
                            uidValidity: number;
                            uid: number;
                            /** @enum {unknown} */
                            action: "delete" | "move";
                            movedTo: string | null;
                            /** @description pending (command issued, not yet confirmed) | done (removal confirmed) */
                            state: string;
                            messageId: string | null;
                            /** Format: date-time */
                            sentDate: string | null;
                            /** Format: date-time */
                            internalDate: string | null;
                            size: number;
                            /** @description The subject, or "sha256:<hex>" when EXPIRY_AUDIT_SUBJECT=hash */
                            subject: string | null;
                            /** Format: date-time */
                            at: string;
                        }[];
                    };
                };
                /** @description The one error envelope */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
                /** @description The one error envelope */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
                /** @description The one error envelope */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/settings/mail": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Mail server settings used by the help page and client autoconfiguration */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            id: "mail";
                            organisationName: string;
                            domains: string[];
                            imapHost: string;
                            imapPort: number;
                            /** @enum {unknown} */
                            imapTls: "implicit" | "starttls" | "off";
                            pop3Host: string;
                            pop3Port: number;
                            /** @enum {unknown} */
                            pop3Tls: "implicit" | "starttls" | "off";
                            smtpHost: string;
                            smtpPort: number;
                            /** @enum {unknown} */
                            smtpTls: "implicit" | "starttls" | "off";
                            /** @enum {unknown} */
                            usernameFormat: "address" | "localpart";
                            webmailUrl: string | null;
                            helpdeskContact: string;
                            popLeaveOnServerDays: number | null;
                            /** @description Whether /help?email= may show plan and usage (and so reveal that the address exists) */
                            allowPersonalLookup: boolean;
                            /** Format: date-time */
                            updatedAt: string;
                        };
                    };
                };
                /** @description The one error envelope */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
                /** @description The one error envelope */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
                /** @description The one error envelope */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
            };
        };
        /** Change the mail server settings */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        organisationName: string;
                        domains: string[];
                        imapHost: string;
                        imapPort: number;
                        /** @enum {unknown} */
                        imapTls: "implicit" | "starttls" | "off";
                        pop3Host: string;
                        pop3Port: number;
                        /** @enum {unknown} */
                        pop3Tls: "implicit" | "starttls" | "off";
                        smtpHost: string;
                        smtpPort: number;
                        /** @enum {unknown} */
                        smtpTls: "implicit" | "starttls" | "off";
                        /** @enum {unknown} */
                        usernameFormat: "address" | "localpart";
                        webmailUrl: string | null;
                        helpdeskContact: string;
                        popLeaveOnServerDays: number | null;
                        /** @description Whether /help?email= may show plan and usage (and so reveal that the address exists) */
                        allowPersonalLookup: boolean;
                        id?: string;
                        updatedAt?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            id: "mail";
                            organisationName: string;
                            domains: string[];
                            imapHost: string;
                            imapPort: number;
                            /** @enum {unknown} */
                            imapTls: "implicit" | "starttls" | "off";
                            pop3Host: string;
                            pop3Port: number;
                            /** @enum {unknown} */
                            pop3Tls: "implicit" | "starttls" | "off";
                            smtpHost: string;
                            smtpPort: number;
                            /** @enum {unknown} */
                            smtpTls: "implicit" | "starttls" | "off";
                            /** @enum {unknown} */
                            usernameFormat: "address" | "localpart";
                            webmailUrl: string | null;
                            helpdeskContact: string;
                            popLeaveOnServerDays: number | null;
                            /** @description Whether /help?email= may show plan and usage (and so reveal that the address exists) */
                            allowPersonalLookup: boolean;
                            /** Format: date-time */
                            updatedAt: string;
                        };
                    };
                };
                /** @description The one error envelope */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
                /** @description The one error envelope */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
                /** @description The one error envelope */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/settings/dns": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** SRV (RFC 6186/8314) and autoconfig/autodiscover records for every mail domain */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            zone: string;
                            records: {
                                name: string;
                                /** @enum {unknown} */
                                type: "SRV" | "CNAME" | "A" | "AAAA";
                                ttl: number;
                                value: string;
                                purpose: string;
                            }[];
                            notes: string[];
                        };
                    };
                };
                /** @description The one error envelope */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
                /** @description The one error envelope */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
                /** @description The one error envelope */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/guidance-articles/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List guidance articles */
        get: {
            parameters: {
                query?: {
                    /** @description JSON ["field","ASC"|"DESC"] */
                    sort?: string;
                    /** @description JSON [start, end], inclusive */
                    range?: string;
                    /** @description JSON object of filters */
                    filter?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: number;
                            /** @description lower-case words joined by hyphens */
                            slug: string;
                            /** @enum {unknown} */
                            protocol: "pop" | "imap" | "any";
                            /** @enum {unknown} */
                            client: "thunderbird" | "outlook" | "apple-mail" | "ios" | "android" | "generic";
                            title: string;
                            markdown: string;
                            position: number;
                            /** Format: date-time */
                            createdAt: string;
                            /** Format: date-time */
                            updatedAt: string;
                        }[];
                    };
                };
                /** @description The one error envelope */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
                /** @description The one error envelope */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
                /** @description The one error envelope */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
            };
        };
        put?: never;
        /** Create a guidance article */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description lower-case words joined by hyphens */
                        slug: string;
                        /** @enum {unknown} */
                        protocol: "pop" | "imap" | "any";
                        /** @enum {unknown} */
                        client: "thunderbird" | "outlook" | "apple-mail" | "ios" | "android" | "generic";
                        title: string;
                        markdown: string;
                        position?: number;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: number;
                            /** @description lower-case words joined by hyphens */
                            slug: string;
                            /** @enum {unknown} */
                            protocol: "pop" | "imap" | "any";
                            /** @enum {unknown} */
                            client: "thunderbird" | "outlook" | "apple-mail" | "ios" | "android" | "generic";
                            title: string;
                            markdown: string;
                            position: number;
                            /** Format: date-time */
                            createdAt: string;
                            /** Format: date-time */
                            updatedAt: string;
                        };
                    };
                };
                /** @description The one error envelope */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
                /** @description The one error envelope */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
                /** @description The one error envelope */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
                /** @description The one error envelope */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
                /** @description The one error envelope */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/guidance-articles/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: number;
                            /** @description lower-case words joined by hyphens */
                            slug: string;
                            /** @enum {unknown} */
                            protocol: "pop" | "imap" | "any";
                            /** @enum {unknown} */
                            client: "thunderbird" | "outlook" | "apple-mail" | "ios" | "android" | "generic";
                            title: string;
                            markdown: string;
                            position: number;
                            /** Format: date-time */
                            createdAt: string;
                            /** Format: date-time */
                            updatedAt: string;
                        };
                    };
                };
                /** @description The one error envelope */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
                /** @description The one error envelope */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
                /** @description The one error envelope */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
                /** @description The one error envelope */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
            };
        };
        /** Update a guidance article */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description lower-case words joined by hyphens */
                        slug?: string;
                        /** @enum {unknown} */
                        protocol?: "pop" | "imap" | "any";
                        /** @enum {unknown} */
                        client?: "thunderbird" | "outlook" | "apple-mail" | "ios" | "android" | "generic";
                        title?: string;
                        markdown?: string;
                        position?: number;
                        id?: number;
                        createdAt?: string;
                        updatedAt?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: number;
                            /** @description lower-case words joined by hyphens */
                            slug: string;
                            /** @enum {unknown} */
                            protocol: "pop" | "imap" | "any";
                            /** @enum {unknown} */
                            client: "thunderbird" | "outlook" | "apple-mail" | "ios" | "android" | "generic";
                            title: string;
                            markdown: string;
                            position: number;
                            /** Format: date-time */
                            createdAt: string;
                            /** Format: date-time */
                            updatedAt: string;
                        };
                    };
                };
                /** @description The one error envelope */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
                /** @description The one error envelope */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
                /** @description The one error envelope */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
                /** @description The one error envelope */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
                /** @description The one error envelope */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
            };
        };
        post?: never;
        /** Delete a guidance article */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: number;
                            /** @description lower-case words joined by hyphens */
                            slug: string;
                            /** @enum {unknown} */
                            protocol: "pop" | "imap" | "any";
                            /** @enum {unknown} */
                            client: "thunderbird" | "outlook" | "apple-mail" | "ios" | "android" | "generic";
                            title: string;
                            markdown: string;
                            position: number;
                            /** Format: date-time */
                            createdAt: string;
                            /** Format: date-time */
                            updatedAt: string;
                        };
                    };
                };
                /** @description The one error envelope */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
                /** @description The one error envelope */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
                /** @description The one error envelope */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
                /** @description The one error envelope */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
                /** @description The one error envelope */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/guidance/preview": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Render article Markdown with live values (sanitized HTML) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        markdown: string;
                        email?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            html: string;
                            values: {
                                [key: string]: string;
                            };
                        };
                    };
                };
                /** @description The one error envelope */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
                /** @description The one error envelope */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
                /** @description The one error envelope */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/help": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Help page: POP or IMAP, server settings, per-client steps (HTML) */
        get: {
            parameters: {
                query?: {
                    email?: string | string[];
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description text/html */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": string;
                    };
                };
                /** @description text/html: the page with the reason the address was refused */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": string;
                    };
                };
                /** @description The one error envelope */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
                /** @description The one error envelope */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/help/help.css": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Stylesheet of the help page */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description text/css */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": string;
                    };
                };
                /** @description The one error envelope */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
                /** @description The one error envelope */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/mail/config-v1.1.xml": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Thunderbird autoconfig (clientConfig 1.1); ?emailaddress= is optional */
        get: {
            parameters: {
                query?: {
                    emailaddress?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description application/xml: clientConfig version 1.1 */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": string;
                    };
                };
                /** @description The one error envelope */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
                /** @description The one error envelope */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/.well-known/autoconfig/mail/config-v1.1.xml": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Thunderbird autoconfig (clientConfig 1.1); ?emailaddress= is optional */
        get: {
            parameters: {
                query?: {
                    emailaddress?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description application/xml: clientConfig version 1.1 */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": string;
                    };
                };
                /** @description The one error envelope */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
                /** @description The one error envelope */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/mobileconfig": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Apple configuration profile (com.apple.mail.managed) for one address; no password inside */
        get: {
            parameters: {
                query: {
                    email: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description application/x-apple-aspen-config plist */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": string;
                    };
                };
                /** @description The one error envelope */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
                /** @description The one error envelope */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/autodiscover/autodiscover.xml": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Outlook POX autodiscover (2006 request -> 2006a response; malformed -> 400 with ErrorCode 600) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The one error envelope */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
                /** @description The one error envelope */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/Autodiscover/Autodiscover.xml": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Outlook POX autodiscover (2006 request -> 2006a response; malformed -> 400 with ErrorCode 600) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The one error envelope */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
                /** @description The one error envelope */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/queues/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Every queue with its job counts per state and whether it is paused
         * @description sort: one of registry, name, isPaused, waiting, prioritized, active, delayed, failed, completed, paused (default: registry order); filter: {"name": …, "isPaused": true|false}.
         */
        get: {
            parameters: {
                query?: {
                    /** @description JSON ["field","ASC"|"DESC"] */
                    sort?: string;
                    /** @description JSON [start, end], inclusive */
                    range?: string;
                    /** @description JSON object of filters */
                    filter?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description The queue name (react-admin needs an id) */
                            id: string;
                            name: string;
                            isPaused: boolean;
                            waiting: number;
                            prioritized: number;
                            active: number;
                            delayed: number;
                            failed: number;
                            /** @description Completed jobs still kept (they are trimmed after a day) */
                            completed: number;
                            /** @description Jobs held by the pause (waiting + prioritized while the queue is paused; BullMQ 6 has no separate paused list) */
                            paused: number;
                        }[];
                    };
                };
                /** @description The one error envelope */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
                /** @description The one error envelope */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
                /** @description The one error envelope */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/queues/{name}/pause": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Pause a queue on every worker (running jobs finish; nothing new starts) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    name: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description The queue name (react-admin needs an id) */
                            id: string;
                            name: string;
                            isPaused: boolean;
                            waiting: number;
                            prioritized: number;
                            active: number;
                            delayed: number;
                            failed: number;
                            /** @description Completed jobs still kept (they are trimmed after a day) */
                            completed: number;
                            /** @description Jobs held by the pause (waiting + prioritized while the queue is paused; BullMQ 6 has no separate paused list) */
                            paused: number;
                        };
                    };
                };
                /** @description The one error envelope */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
                /** @description The one error envelope */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
                /** @description The one error envelope */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
                /** @description The one error envelope */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/queues/{name}/resume": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Resume a paused queue */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    name: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description The queue name (react-admin needs an id) */
                            id: string;
                            name: string;
                            isPaused: boolean;
                            waiting: number;
                            prioritized: number;
                            active: number;
                            delayed: number;
                            failed: number;
                            /** @description Completed jobs still kept (they are trimmed after a day) */
                            completed: number;
                            /** @description Jobs held by the pause (waiting + prioritized while the queue is paused; BullMQ 6 has no separate paused list) */
                            paused: number;
                        };
                    };
                };
                /** @description The one error envelope */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
                /** @description The one error envelope */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
                /** @description The one error envelope */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
                /** @description The one error envelope */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/queues/{name}/jobs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Jobs of a queue in one state (failed by default), newest first
         * @description Job data shows only id-like fields. range=[start,end] pages through the list (Content-Range: jobs start-end/total).
         */
        get: {
            parameters: {
                query?: {
                    state?: "failed" | "completed" | "active" | "waiting" | "delayed" | "prioritized";
                    /** @description JSON [start, end], inclusive */
                    range?: string;
                    /** @description JSON ["timestamp","ASC"|"DESC"]: newest first by default; any other field is a 400 */
                    sort?: string;
                    /** @description JSON; {"state": "..."} is read like ?state */
                    filter?: string;
                };
                header?: never;
                path: {
                    name: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            queue: string;
                            name: string;
                            state: string;
                            /** @description Only the id-like fields of the payload (jobs never carry secrets; this keeps it that way on screen) */
                            data: {
                                [key: string]: string | number | boolean | (never | null);
                            };
                            /** @description The address of data.mailboxId, for a job about one mailbox */
                            mailboxAddress: string | null;
                            failedReason: string | null;
                            stacktrace: string[];
                            attemptsMade: number;
                            maxAttempts: number;
                            /** Format: date-time */
                            timestamp: string | null;
                            /** Format: date-time */
                            processedOn: string | null;
                            /** Format: date-time */
                            finishedOn: string | null;
                        }[];
                    };
                };
                /** @description The one error envelope */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
                /** @description The one error envelope */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
                /** @description The one error envelope */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
                /** @description The one error envelope */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/queues/{name}/jobs/{id}/retry": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Retry a failed job (it goes back to waiting with its attempts reset) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    name: string;
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            queue: string;
                            name: string;
                            state: string;
                            /** @description Only the id-like fields of the payload (jobs never carry secrets; this keeps it that way on screen) */
                            data: {
                                [key: string]: string | number | boolean | (never | null);
                            };
                            /** @description The address of data.mailboxId, for a job about one mailbox */
                            mailboxAddress: string | null;
                            failedReason: string | null;
                            stacktrace: string[];
                            attemptsMade: number;
                            maxAttempts: number;
                            /** Format: date-time */
                            timestamp: string | null;
                            /** Format: date-time */
                            processedOn: string | null;
                            /** Format: date-time */
                            finishedOn: string | null;
                        };
                    };
                };
                /** @description The one error envelope */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
                /** @description The one error envelope */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
                /** @description The one error envelope */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
                /** @description The one error envelope */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
                /** @description The one error envelope */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/queues/{name}/jobs/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Remove a job that is not running */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    name: string;
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            queue: string;
                            name: string;
                            state: string;
                            /** @description Only the id-like fields of the payload (jobs never carry secrets; this keeps it that way on screen) */
                            data: {
                                [key: string]: string | number | boolean | (never | null);
                            };
                            /** @description The address of data.mailboxId, for a job about one mailbox */
                            mailboxAddress: string | null;
                            failedReason: string | null;
                            stacktrace: string[];
                            attemptsMade: number;
                            maxAttempts: number;
                            /** Format: date-time */
                            timestamp: string | null;
                            /** Format: date-time */
                            processedOn: string | null;
                            /** Format: date-time */
                            finishedOn: string | null;
                        };
                    };
                };
                /** @description The one error envelope */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
                /** @description The one error envelope */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
                /** @description The one error envelope */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
                /** @description The one error envelope */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
                /** @description The one error envelope */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/schedules/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Every job scheduler with its pattern or interval and next run times */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description The job scheduler id (scan-all, expiry-sweep, …) */
                            id: string;
                            queue: string;
                            jobName: string;
                            /** @description Cron pattern (server time zone), or null for an interval */
                            pattern: string | null;
                            /** @description Interval in ms, or null for a cron pattern */
                            every: number | null;
                            tz: string | null;
                            /** Format: date-time */
                            next: string | null;
                            /** @description The next few run times the pattern gives */
                            upcoming: string[];
                            iterationCount: number;
                            /** @description What the configuration (SCAN_CRON, EXPIRY_CRON, built-in) sets */
                            defaultPattern: string | null;
                            /** @description Set in the console; kept across worker restarts until set back to the default */
                            overridden: boolean;
                        }[];
                    };
                };
                /** @description The one error envelope */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
                /** @description The one error envelope */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
                /** @description The one error envelope */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/schedules/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One job scheduler */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description The job scheduler id (scan-all, expiry-sweep, …) */
                            id: string;
                            queue: string;
                            jobName: string;
                            /** @description Cron pattern (server time zone), or null for an interval */
                            pattern: string | null;
                            /** @description Interval in ms, or null for a cron pattern */
                            every: number | null;
                            tz: string | null;
                            /** Format: date-time */
                            next: string | null;
                            /** @description The next few run times the pattern gives */
                            upcoming: string[];
                            iterationCount: number;
                            /** @description What the configuration (SCAN_CRON, EXPIRY_CRON, built-in) sets */
                            defaultPattern: string | null;
                            /** @description Set in the console; kept across worker restarts until set back to the default */
                            overridden: boolean;
                        };
                    };
                };
                /** @description The one error envelope */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
                /** @description The one error envelope */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
                /** @description The one error envelope */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
                /** @description The one error envelope */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
            };
        };
        /**
         * Change the cron pattern of a job scheduler (takes effect at once on every worker)
         * @description Setting the configured pattern again (defaultPattern) drops the console override, so the configuration applies again.
         */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description Cron: 5 fields (or 6 with seconds), server time zone */
                        pattern: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description The job scheduler id (scan-all, expiry-sweep, …) */
                            id: string;
                            queue: string;
                            jobName: string;
                            /** @description Cron pattern (server time zone), or null for an interval */
                            pattern: string | null;
                            /** @description Interval in ms, or null for a cron pattern */
                            every: number | null;
                            tz: string | null;
                            /** Format: date-time */
                            next: string | null;
                            /** @description The next few run times the pattern gives */
                            upcoming: string[];
                            iterationCount: number;
                            /** @description What the configuration (SCAN_CRON, EXPIRY_CRON, built-in) sets */
                            defaultPattern: string | null;
                            /** @description Set in the console; kept across worker restarts until set back to the default */
                            overridden: boolean;
                        };
                    };
                };
                /** @description The one error envelope */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
                /** @description The one error envelope */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
                /** @description The one error envelope */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
                /** @description The one error envelope */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/dashboard/summary": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Mailboxes near/over quota (counts, top 10), the last usage scan and the last expiry run */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            quota: {
                                near: number;
                                over: number;
                                top: {
                                    id: number;
                                    address: string;
                                    displayName: string;
                                    usedBytes: number | null;
                                    limitBytes: number | null;
                                    usagePercent: number;
                                    /** Format: date-time */
                                    scannedAt: string | null;
                                    /** @description The first warning threshold of the mailbox plan (where "near" starts) */
                                    nearThreshold: number | null;
                                }[];
                            };
                            scan: {
                                /**
                                 * @description unknown: no fan-out kept by BullMQ (completed jobs are trimmed after a day)
                                 * @enum {unknown}
                                 */
                                status: "running" | "completed" | "unknown";
                                /** Format: date-time */
                                startedAt: string | null;
                                /** Format: date-time */
                                finishedAt: string | null;
                                durationMs: number | null;
                                /** @description Scans the last fan-out enqueued */
                                mailboxes: number | null;
                                /** @description Active mailboxes scanned since the fan-out started */
                                done: number | null;
                                /** @description usage-scan jobs waiting, delayed or running */
                                pending: number;
                                /** @description usage-scan jobs that failed for good (kept 30 days) */
                                failedJobs: number;
                                /** Format: date-time */
                                lastScanAt: string | null;
                                activeMailboxes: number;
                                neverScanned: number;
                                /** @description Active mailboxes whose last scan failed (e.g. refused login) */
                                failing: number;
                                /** Format: date-time */
                                nextRun: string | null;
                            };
                            expiry: {
                                lastRun: {
                                    id: number;
                                    scope: string;
                                    /** @description The mailbox's address for a single-mailbox run */
                                    scopeName: string | null;
                                    trigger: string;
                                    status: string;
                                    /** Format: date-time */
                                    startedAt: string;
                                    /** Format: date-time */
                                    finishedAt: string | null;
                                    durationMs: number | null;
                                    mailboxesTotal: number;
                                    mailboxesDone: number;
                                    mailboxesFailed: number;
                                    messagesDeleted: number;
                                    messagesMoved: number;
                                    bytesFreed: number;
                                    error: string | null;
                                } | null;
                                /** Format: date-time */
                                nextRun: string | null;
                                /** @description The scheduled sweeps of the last 14 nights, newest first (one per night: the latest) */
                                nights: {
                                    /** @description UTC date the sweep started (YYYY-MM-DD) */
                                    night: string;
                                    runId: number;
                                    status: string;
                                    /**
                                     * @description skipped: no mailbox worked on, some left out (e.g. every one on legal hold)
                                     * @enum {unknown}
                                     */
                                    verdict: "ran" | "skipped" | "failed" | "running";
                                    /** Format: date-time */
                                    startedAt: string;
                                    /** Format: date-time */
                                    finishedAt: string | null;
                                    mailboxesTotal: number;
                                    mailboxesDone: number;
                                    mailboxesFailed: number;
                                    mailboxesSkipped: number;
                                    /** @description Skipped mailboxes per reason: legal hold, disabled, locked, no policy */
                                    skippedBy: {
                                        [key: string]: number;
                                    };
                                    messagesDeleted: number;
                                    messagesMoved: number;
                                    bytesFreed: number;
                                    error: string | null;
                                }[];
                            };
                            /** @description Queues paused in Redis; "expiry" is the global expiry pause */
                            pausedQueues: string[];
                        };
                    };
                };
                /** @description The one error envelope */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
                /** @description The one error envelope */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
                /** @description The one error envelope */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/dashboard/series": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Per UTC day: bytes freed and messages expired by retention, mailboxes over quota */
        get: {
            parameters: {
                query?: {
                    days?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description UTC day, YYYY-MM-DD */
                            day: string;
                            bytesFreed: number;
                            messagesExpired: number;
                            usersOverQuota: number;
                        }[];
                    };
                };
                /** @description The one error envelope */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
                /** @description The one error envelope */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
                /** @description The one error envelope */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/directory/status": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The directory source (no password), the schedule, waiting jobs, the last run and whether the safety stop holds */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            source: {
                                /** @enum {unknown} */
                                source: "none" | "ldap";
                                url: string;
                                startTls: boolean;
                                baseDn: string;
                                filter: string;
                                /** @description Empty = anonymous bind. The password is never shown. */
                                bindDn: string;
                                mapping: {
                                    address: string;
                                    imapLogin: string;
                                    displayName: string;
                                    alternateAddress: string;
                                    plan: string;
                                };
                                /** @description The safety stop: a run that would disable more than this share applies nothing */
                                maxDisablePercent: number;
                                /** @description DIRECTORY_SYNC_CRON (a pattern set in the console under Schedules wins) */
                                cron: string;
                            };
                            schedule: {
                                pattern: string | null;
                                /** Format: date-time */
                                next: string | null;
                            } | null;
                            jobs: {
                                [key: string]: number;
                            };
                            lastRun: {
                                id: number;
                                source: string;
                                dryRun: boolean;
                                /** @description scheduled | manual */
                                trigger: string;
                                createdBy: string | null;
                                /**
                                 * @description stopped: the safety stop refused to apply it
                                 * @enum {unknown}
                                 */
                                status: "running" | "completed" | "stopped" | "failed";
                                /** Format: date-time */
                                startedAt: string;
                                /** Format: date-time */
                                finishedAt: string | null;
                                entries: number;
                                added: number;
                                changed: number;
                                gone: number;
                                returned: number;
                                problems: number;
                                unchanged: number;
                                managed: number;
                                applied: boolean;
                                safety: {
                                    tripped: boolean;
                                    gone: number;
                                    managed: number;
                                    percent: number;
                                    limitPercent: number;
                                } | null;
                                error: string | null;
                            } | null;
                            safetyStopped: boolean;
                        };
                    };
                };
                /** @description The one error envelope */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
                /** @description The one error envelope */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
                /** @description The one error envelope */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/directory/runs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Directory sync runs, newest first */
        get: {
            parameters: {
                query?: {
                    /** @description JSON ["field","ASC"|"DESC"] */
                    sort?: string;
                    /** @description JSON [start, end], inclusive */
                    range?: string;
                    /** @description JSON object of filters */
                    filter?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: number;
                            source: string;
                            dryRun: boolean;
                            /** @description scheduled | manual */
                            trigger: string;
                            createdBy: string | null;
                            /**
                             * @description stopped: the safety stop refused to apply it
                             * @enum {unknown}
                             */
                            status: "running" | "completed" | "stopped" | "failed";
                            /** Format: date-time */
                            startedAt: string;
                            /** Format: date-time */
                            finishedAt: string | null;
                            entries: number;
                            added: number;
                            changed: number;
                            gone: number;
                            returned: number;
                            problems: number;
                            unchanged: number;
                            managed: number;
                            applied: boolean;
                            safety: {
                                tripped: boolean;
                                gone: number;
                                managed: number;
                                percent: number;
                                limitPercent: number;
                            } | null;
                            error: string | null;
                        }[];
                    };
                };
                /** @description The one error envelope */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
                /** @description The one error envelope */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
                /** @description The one error envelope */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
            };
        };
        put?: never;
        /** Sync from the directory now, or with dryRun only compute the diff */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /**
                         * @description Only compute and store the diff; change nothing
                         * @default false
                         */
                        dryRun?: boolean;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            runId: number;
                            mailboxRunId?: number;
                            jobId: string;
                            queue: string;
                        };
                    };
                };
                /** @description The one error envelope */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
                /** @description The one error envelope */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
                /** @description The one error envelope */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
                /** @description The one error envelope */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/directory/runs/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One directory sync run with its counts and safety verdict */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: number;
                            source: string;
                            dryRun: boolean;
                            /** @description scheduled | manual */
                            trigger: string;
                            createdBy: string | null;
                            /**
                             * @description stopped: the safety stop refused to apply it
                             * @enum {unknown}
                             */
                            status: "running" | "completed" | "stopped" | "failed";
                            /** Format: date-time */
                            startedAt: string;
                            /** Format: date-time */
                            finishedAt: string | null;
                            entries: number;
                            added: number;
                            changed: number;
                            gone: number;
                            returned: number;
                            problems: number;
                            unchanged: number;
                            managed: number;
                            applied: boolean;
                            safety: {
                                tripped: boolean;
                                gone: number;
                                managed: number;
                                percent: number;
                                limitPercent: number;
                            } | null;
                            error: string | null;
                        };
                    };
                };
                /** @description The one error envelope */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
                /** @description The one error envelope */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
                /** @description The one error envelope */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
                /** @description The one error envelope */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/directory/runs/{id}/changes": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The diff of a run, one line per change (filter by kind or address) */
        get: {
            parameters: {
                query?: {
                    /** @description JSON ["field","ASC"|"DESC"] */
                    sort?: string;
                    /** @description JSON [start, end], inclusive */
                    range?: string;
                    /** @description JSON object of filters */
                    filter?: string;
                };
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: number;
                            runId: number;
                            /** @enum {unknown} */
                            kind: "added" | "changed" | "gone" | "returned" | "problem";
                            address: string | null;
                            mailboxId: number | null;
                            dn: string | null;
                            before: {
                                [key: string]: unknown;
                            } | null;
                            after: {
                                [key: string]: unknown;
                            } | null;
                            /** @description For problems: the reason (no-address, duplicate-login, …) and what was found */
                            detail: string | null;
                        }[];
                    };
                };
                /** @description The one error envelope */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
                /** @description The one error envelope */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
                /** @description The one error envelope */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
                /** @description The one error envelope */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/space-requests/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List requests for more space (filter: status, mailboxId) */
        get: {
            parameters: {
                query?: {
                    /** @description JSON ["field","ASC"|"DESC"] */
                    sort?: string;
                    /** @description JSON [start, end], inclusive */
                    range?: string;
                    /** @description JSON object of filters */
                    filter?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: number;
                            mailboxId: number;
                            address: string;
                            extraBytes: number;
                            reason: string;
                            /** Format: date-time */
                            until: string;
                            /** @enum {unknown} */
                            status: "pending" | "approved" | "refused";
                            /** Format: date-time */
                            createdAt: string;
                            /** Format: date-time */
                            decidedAt: string | null;
                            decidedBy: string | null;
                            decisionNote: string | null;
                            /** @description The temporary increase an approval granted */
                            increaseId: number | null;
                        }[];
                    };
                };
                /** @description The one error envelope */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
                /** @description The one error envelope */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
                /** @description The one error envelope */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/space-requests/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One request for more space */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: number;
                            mailboxId: number;
                            address: string;
                            extraBytes: number;
                            reason: string;
                            /** Format: date-time */
                            until: string;
                            /** @enum {unknown} */
                            status: "pending" | "approved" | "refused";
                            /** Format: date-time */
                            createdAt: string;
                            /** Format: date-time */
                            decidedAt: string | null;
                            decidedBy: string | null;
                            decisionNote: string | null;
                            /** @description The temporary increase an approval granted */
                            increaseId: number | null;
                        };
                    };
                };
                /** @description The one error envelope */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
                /** @description The one error envelope */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
                /** @description The one error envelope */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
                /** @description The one error envelope */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/space-requests/{id}/approve": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Approve: grant a temporary increase (the size and date asked for, unless given here); the user is told */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description bytes */
                        extraBytes?: number;
                        /**
                         * Format: date-time
                         * @description Grant until another date than the one asked for
                         */
                        until?: string;
                        note?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: number;
                            mailboxId: number;
                            address: string;
                            extraBytes: number;
                            reason: string;
                            /** Format: date-time */
                            until: string;
                            /** @enum {unknown} */
                            status: "pending" | "approved" | "refused";
                            /** Format: date-time */
                            createdAt: string;
                            /** Format: date-time */
                            decidedAt: string | null;
                            decidedBy: string | null;
                            decisionNote: string | null;
                            /** @description The temporary increase an approval granted */
                            increaseId: number | null;
                        };
                    };
                };
                /** @description The one error envelope */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
                /** @description The one error envelope */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
                /** @description The one error envelope */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
                /** @description The one error envelope */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
                /** @description The one error envelope */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/space-requests/{id}/refuse": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Refuse, with a note; the user is told */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description Why (kept with the request and in the audit log) */
                        note: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: number;
                            mailboxId: number;
                            address: string;
                            extraBytes: number;
                            reason: string;
                            /** Format: date-time */
                            until: string;
                            /** @enum {unknown} */
                            status: "pending" | "approved" | "refused";
                            /** Format: date-time */
                            createdAt: string;
                            /** Format: date-time */
                            decidedAt: string | null;
                            decidedBy: string | null;
                            decisionNote: string | null;
                            /** @description The temporary increase an approval granted */
                            increaseId: number | null;
                        };
                    };
                };
                /** @description The one error envelope */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
                /** @description The one error envelope */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
                /** @description The one error envelope */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
                /** @description The one error envelope */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
                /** @description The one error envelope */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statusCode: number;
                            error: string;
                            message: string;
                            reqId: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/me/me.css": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Stylesheet of the /me pages */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/me/login": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The /me sign-in form (HTML) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        /** Sign in with the mail address and password (checked by the IMAP server); sets the mw_me cookie */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        email: string;
                        password: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/me/logout": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Sign out of /me (the session ends server-side) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The signed-in mail user's mailbox: usage, retention, what expires in 7 and 30 days, asking for space (HTML) */
        get: {
            parameters: {
                query?: {
                    done?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/me/space-request": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Ask for more space (form); help desk sees it at /api/space-requests */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        _csrf: string;
                        gib: string;
                        reason: string;
                        until: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: never;
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export type operations = Record<string, never>;
