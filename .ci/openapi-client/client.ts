// A client over the exported OpenAPI documents: `openapi-typescript` generates the types of
// each provider's document into gen/ (from the 3.1 export, then again from the 3.0 one) and
// `openapi-fetch` is the client; `tsc --strict` must accept the calls below and refuse the
// ones marked @ts-expect-error, which shows the documents carry the wire names, required
// flags, enums, constants, string-encoded scalars and the shared envelope, not only that
// they parse. Written from the pages (spec/pages/000-004), not from the generated types.
import createClient from "openapi-fetch";
import type { paths as PayerMax, components as PayerMaxTypes } from "./gen/payermax";
import type { paths as Antom } from "./gen/antom";
import type { components as PingPongTypes, webhooks as PingPongHooks } from "./gen/pingpong";

const payermax = createClient<PayerMax>({ baseUrl: "https://pay-gate-uat.payermax.com" });
const antom = createClient<Antom>({ baseUrl: "https://open-sea-global.alipay.com/ams/api" });

const envelope = { version: "1.6", keyVersion: "1", requestTime: "2022-01-17T09:05:52.194+00:00", appId: "app" };

export async function payermaxCalls(): Promise<string[]> {
  // applyDropinSession (page 000): data.currency, country and userId are required.
  const session = await payermax.POST("/aggregate-pay/api/gateway/applyDropinSession", {
    body: { ...envelope, data: { currency: "IDR", country: "ID", userId: "U10001", mitType: "UNSCHDULED" } },
  });
  const keys: string[] = [];
  if (session.data) {
    // The response envelope's code and msg, and this operation's own data.
    keys.push(session.data.code, session.data.msg, session.data.data.sessionKey, session.data.data.clientKey);
    keys.push(...session.data.data.notSupportedComponent);
  }

  await payermax.POST("/aggregate-pay/api/gateway/applyDropinSession", {
    // @ts-expect-error appId is required by the shared request envelope
    body: { version: "1.6", keyVersion: "1", requestTime: "t", data: { currency: "IDR", country: "ID", userId: "U" } },
  });
  await payermax.POST("/aggregate-pay/api/gateway/applyDropinSession", {
    // @ts-expect-error mitType is an enum: SCHEDULED | UNSCHDULED (the page's spelling)
    body: { ...envelope, data: { currency: "IDR", country: "ID", userId: "U", mitType: "UNSCHEDULED" } },
  });

  // applyPaymentToken (page 001): tokenScope is the constant tokenAcq; envInfo is required.
  const envInfo: PayerMaxTypes["schemas"]["ApplyPaymentTokenRequestDataEnvInfo"] = {
    userAgent: "ua", clientIp: "1.2.3.4", terminalType: "WEB", osType: "IOS",
    deviceLanguage: "zh_CN", screenHeight: "768", screenWidth: "1024",
  };
  const token = await payermax.POST("/aggregate-pay/api/gateway/applyPaymentToken", {
    body: {
      ...envelope,
      data: {
        requestId: "r1", country: "RU", paymentMethodType: "CARD", userId: "U", frontCallbackUrl: "https://x",
        tokenScope: "tokenAcq", envInfo, cardInfo: { cardOrg: "VISA", cvv: "123" },
      },
    },
  });
  if (token.data) {
    const status: "PENDING" | "SUCCESS" | "FAILED" = token.data.data.status;
    keys.push(status);
  }
  await payermax.POST("/aggregate-pay/api/gateway/applyPaymentToken", {
    body: {
      ...envelope,
      data: {
        requestId: "r1", country: "RU", paymentMethodType: "CARD", userId: "U", frontCallbackUrl: "https://x",
        // @ts-expect-error tokenScope admits only its constant
        tokenScope: "other", envInfo,
      },
    },
  });

  // createPaybylink (page 002): goodsDetails is an array of objects with required fields.
  const link = await payermax.POST("/aggregate-pay/api/gateway/createPaybylink", {
    body: {
      ...envelope,
      data: {
        merchantLinkId: "m1", linkType: "ONETIME", country: "ID", currency: "IDR", totalAmount: "1000",
        description: "d", userInfo: { userId: "U" }, merchantInfo: { contactEmail: "a@example.com" },
        notifyUrl: "https://x",
        goodsDetails: [{ goodsName: "g", goodsDescription: "d", quantity: "1", price: "1000", goodsCurrency: "IDR", showUrl: "https://x" }],
      },
    },
  });
  if (link.data) {
    const linkStatus: "ACTIVE" | "EXPIRED" = link.data.data.linkStatus;
    keys.push(linkStatus, link.data.data.linkUrl);
  }
  // @ts-expect-error the document has no such path
  await payermax.POST("/aggregate-pay/api/gateway/noSuchOperation", { body: {} });
  return keys;
}

export async function antomCalls(): Promise<string | undefined> {
  // createPaymentSession (page 004): booleans travel as strings; merchantRegion is an enum.
  const res = await antom.POST("/v1/payments/createPaymentSession", {
    params: { header: { "client-id": "SANDBOX_1", "request-time": "1700000000000" } },
    body: {
      productCode: "CASHIER_PAYMENT", paymentRequestId: "p1",
      order: { orderAmount: { currency: "USD", value: "100" } }, paymentAmount: { currency: "USD", value: "100" },
      paymentMethod: { paymentMethodType: "CARD" }, paymentRedirectUrl: "https://x", settlementStrategy: {},
      enableInstallmentCollection: "true", merchantRegion: "SG",
    },
  });
  await antom.POST("/v1/payments/createPaymentSession", {
    params: { header: { "client-id": "SANDBOX_1", "request-time": "1700000000000" } },
    body: {
      productCode: "CASHIER_PAYMENT", paymentRequestId: "p1",
      // @ts-expect-error Amount (one shared type) requires its value
      order: { orderAmount: { currency: "USD" } }, paymentAmount: { currency: "USD", value: "100" },
      paymentMethod: {}, paymentRedirectUrl: "https://x", settlementStrategy: {},
      // @ts-expect-error Antom sends booleans as strings
      enableInstallmentCollection: true,
    },
  });
  // The result object Antom's type definitions fill in; its status is an enum.
  const status: "S" | "F" | "U" | undefined = res.data?.result.resultStatus;
  return res.data?.paymentSessionId ?? status;
}

// PingPong's page gives no path: its types are there, and its notifications are webhooks.
export const oneClickPay: PingPongTypes["schemas"]["OneClickPayRequest"] = {
  accId: "a", clientId: "c", signType: "SHA256", version: "1.0",
  bizContent: { token: "t", bizType: "CodeGrant", merchantUserId: "u", amount: 100 },
};
export type SigningNotification = PingPongHooks["oneClickPay-notification-1"];
