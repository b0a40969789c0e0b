//! The page's own createPaybylink request example (which satisfies its table) as a value of
//! the generated types: request types are written, not read, so the example is spelled in Rust.

use paydoc_sdk::payermax::RequestEnvelope;
use paydoc_sdk::payermax::create_paybylink::{
    CreatePaybylinkRequest, CreatePaybylinkRequestData, GoodsDetail, LinkType, MerchantInfo, UserInfo,
};

pub fn request() -> CreatePaybylinkRequest {
    let goods = GoodsDetail::builder()
        .goods_name("运动鞋")
        .goods_description("冬季新款减震跑步运动鞋")
        .quantity("2")
        .price("20000")
        .goods_currency("IDR")
        .show_url("http://example.com/400x400")
        .build()
        .expect("complete");
    let data = CreatePaybylinkRequestData::builder()
        .merchant_link_id("paylinktest001")
        .link_type(LinkType::Onetime)
        .expires_time("86400")
        .country("ID")
        .currency("IDR")
        .total_amount("40000")
        .language("en")
        .description("冬季新款运动鞋")
        .link_description("链接收款衣物鞋帽")
        .user_info(UserInfo::builder().user_id("98").username("孟艳").build().expect("complete"))
        .goods_details(vec![goods])
        .merchant_info(
            MerchantInfo::builder()
                .logo_url("http://example.com/logo/100x100")
                .contact_email("test@example.com")
                .build()
                .expect("complete"),
        )
        .notify_url("http://www.notifyUrl.example.com")
        .build()
        .expect("complete");
    RequestEnvelope {
        version: "1.1".into(),
        key_version: "1".into(),
        request_time: "2022-01-22T10:00:00.500+08:00".into(),
        app_id: "6666c8b036a24579974497c2f9a33333".into(),
        merchant_no: Some("010213834784554".into()),
        data,
    }
}
