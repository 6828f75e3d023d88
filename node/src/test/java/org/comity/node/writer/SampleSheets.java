package org.comity.node.writer;

import java.util.List;
import org.comity.node.writer.Sheet.Entry;
import org.comity.node.writer.Sheet.Section;

/** A preservation request printed in English, Arabic and Chinese: fixed text, so that the approved images stay valid. */
final class SampleSheets {

    private SampleSheets() {}

    static Sheet of(String language) {
        return switch (language) {
            case "en" -> new Sheet("en", "Request for expedited preservation of stored computer data",
                    "AU-2026-000042 · Budapest Convention, Art. 29 · from Aurelia Public Prosecution to Caldera 24/7 Point of Contact",
                    List.of(new Section("The case", List.of(
                                    Entry.text("Offence", "Computer-related fraud (Criminal Code, Art. 231; up to 5 years' imprisonment)"),
                                    Entry.text("Summary of the facts", "Between 3 and 9 March 2026, 214 customers of Aurelia Savings Bank were led to a "
                                            + "cloned banking site and gave their credentials.\nThe site was hosted on an account at a provider in Caldera."),
                                    Entry.literal("National reference", "AU/PP/2026/1187"))),
                            new Section("Data to preserve", List.of(
                                    Entry.text("Subscriber and traffic data", "Subscriber details and connection logs of the hosting account"),
                                    Entry.literal("Identifiers", "holder@mail.example · 203.0.113.45 · 2001:db8::7"),
                                    Entry.literal("Period", "2026-03-01 – 2026-03-31"),
                                    Entry.text("Held by", "Nimbus Hosting Ltd, Caldera"))),
                            new Section("Necessity and proportionality", List.of(Entry.text("Why preservation is necessary and proportionate",
                                    "The logs are kept for 30 days only; without preservation the only lead to the account holder is lost.")))),
                    "Signed off by Ana Ferreira, Aurelia Public Prosecution, on 28 November 2026 at 10:15 UTC (version 4).",
                    "Printed by Comity · budapest-29 · version 4");
            case "ar" -> new Sheet("ar", "طلب التحفظ العاجل على بيانات حاسوبية مخزنة",
                    "AU-2026-000042 · اتفاقية بودابست، المادة 29 · من النيابة العامة في أوريليا إلى نقطة الاتصال 24/7 في كالديرا",
                    List.of(new Section("القضية", List.of(
                                    Entry.text("الجريمة", "الاحتيال المتصل بالحاسوب (القانون الجنائي، المادة 231؛ السجن حتى خمس سنوات)"),
                                    Entry.text("ملخص الوقائع", "بين 3 و9 آذار/مارس 2026، استُدرج 214 عميلاً لمصرف أوريليا للادخار إلى موقع مصرفي مستنسخ "
                                            + "وأدلوا ببيانات اعتمادهم.\nكان الموقع مستضافاً على حساب لدى مزود خدمة في كالديرا."),
                                    Entry.literal("المرجع الوطني", "AU/PP/2026/1187"))),
                            new Section("البيانات المطلوب التحفظ عليها", List.of(
                                    Entry.text("بيانات المشترك وبيانات الحركة", "بيانات المشترك وسجلات الاتصال الخاصة بحساب الاستضافة"),
                                    Entry.literal("المعرّفات", "holder@mail.example · 203.0.113.45 · 2001:db8::7"),
                                    Entry.literal("الفترة", "2026-03-01 – 2026-03-31"),
                                    Entry.text("الجهة الحائزة", "شركة نيمبوس للاستضافة، كالديرا"))),
                            new Section("الضرورة والتناسب", List.of(Entry.text("لماذا يكون التحفظ ضرورياً ومتناسباً",
                                    "لا تُحفظ السجلات إلا ثلاثين يوماً؛ ودون التحفظ عليها يضيع الخيط الوحيد المؤدي إلى صاحب الحساب.")))),
                    "اعتمدته آنا فيريرا، النيابة العامة في أوريليا، في 28 تشرين الثاني/نوفمبر 2026 الساعة 10:15 بالتوقيت العالمي (الإصدار 4).",
                    "طُبع بواسطة Comity · budapest-29 · الإصدار 4");
            case "zh" -> new Sheet("zh", "关于迅速保全所存储计算机数据的请求",
                    "AU-2026-000042 · 《布达佩斯公约》第29条 · 由奥雷利亚检察院发往卡尔德拉24/7联络点",
                    List.of(new Section("案件", List.of(
                                    Entry.text("罪行", "与计算机相关的诈骗（《刑法》第231条；最高五年监禁）"),
                                    Entry.text("事实摘要", "2026年3月3日至9日期间，奥雷利亚储蓄银行的214名客户被引导至一个克隆的银行网站并提供了登录凭据。\n"
                                            + "该网站托管在卡尔德拉一家服务提供商的账户上。"),
                                    Entry.literal("国内案件编号", "AU/PP/2026/1187"))),
                            new Section("需保全的数据", List.of(
                                    Entry.text("用户数据和流量数据", "托管账户的用户资料和连接日志"),
                                    Entry.literal("标识符", "holder@mail.example · 203.0.113.45 · 2001:db8::7"),
                                    Entry.literal("期间", "2026-03-01 – 2026-03-31"),
                                    Entry.text("数据持有者", "卡尔德拉宁巴斯托管有限公司"))),
                            new Section("必要性和相称性", List.of(Entry.text("为何保全是必要和相称的",
                                    "日志仅保存三十天；如不保全，通往账户持有人的唯一线索将会丢失。")))),
                    "由奥雷利亚检察院安娜·费雷拉于2026年11月28日10:15（协调世界时）签发（第4版）。",
                    "由 Comity 打印 · budapest-29 · 第4版");
            default -> throw new IllegalArgumentException(language);
        };
    }
}
