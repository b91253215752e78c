package org.candor.support.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.candor.support.chat.ChatTestSupport.WAIT;

import java.net.URI;
import java.time.Duration;
import java.util.UUID;

import org.candor.platform.security.Roles;
import org.candor.testsupport.Browser;
import org.candor.testsupport.CandorTestResource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** The widget (embedded with one script tag) and the agent console, in headless Chromium. */
@QuarkusTest
@WithTestResource(CandorTestResource.class)
class ChatPagesTest {

    @TestHTTPResource("/")
    URI base;

    @jakarta.inject.Inject
    javax.sql.DataSource dataSource;

    private boolean onRecord(String customerId) throws java.sql.SQLException {
        try (var connection = dataSource.getConnection();
                var statement = connection.prepareStatement("select 1 from customer_contact where customer_id = ?")) {
            statement.setString(1, customerId);
            try (var result = statement.executeQuery()) {
                return result.next();
            }
        }
    }

    @BeforeEach
    void relayReady() throws Exception {
        ChatTestSupport.awaitRelay(base);
    }

    @Test
    void embeddedWidgetShowsThePlaceInLineAndTheAgentsAnswer() throws Exception {
        String question = "Is my card safe? " + UUID.randomUUID();
        ChromeDriver browser = Browser.start("en");
        try (WsClient agent = ChatTestSupport.agent(base, "widget-agent")) {
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
            browser.get(base.resolve("/widget/demo.html").toString());
            wait.until(ExpectedConditions.elementToBeClickable(By.id("candor-chat-button"))).click();
            wait.until(ExpectedConditions.frameToBeAvailableAndSwitchToIt(By.id("candor-chat-frame")));
            wait.until(ExpectedConditions.textMatches(By.id("status"), java.util.regex.Pattern.compile("You are number \\d+ in the queue")));

            browser.findElement(By.id("text")).sendKeys(question);
            browser.findElement(By.id("send")).click();
            // Stored once it comes back; only then is it in the transcript an agent gets.
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#messages li.customer"), question));
            JsonPath chat = awaitChatWith(agent, question);
            agent.send("{\"type\":\"message\",\"sessionId\":\"" + chat.getString("sessionId")
                    + "\",\"text\":\"Yes, cards were not affected.\"}");

            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("status"), "You are chatting with widget-agent"));
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#messages li.agent"),
                    "Yes, cards were not affected."));
        } finally {
            browser.quit();
        }
    }

    @Test
    void widgetVerifiesTheCustomerByTheCodeSentToTheEmailOnRecord() throws Exception {
        String customerId = "C-" + UUID.randomUUID();
        String email = "widget." + UUID.randomUUID() + "@example.org";
        org.candor.support.TestData.sendAffected(UUID.randomUUID(), customerId, "en", email, null);
        ChromeDriver browser = Browser.start("en");
        try {
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
            browser.get(base.resolve("/widget/index.html").toString());
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("status"), "You are number"));
            org.awaitility.Awaitility.await().atMost(WAIT).until(() -> onRecord(customerId));

            browser.findElement(By.id("contact")).sendKeys(email);
            browser.findElement(By.id("request-code")).click();
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#messages li.system"),
                    "If this email address is on record with us, we have sent a code to it."));
            String code = new JsonPath(org.candor.testsupport.TestKafka.awaitRecord(
                    org.candor.contracts.Topics.NOTIFICATION_REQUESTS, r -> r.value().contains(email), WAIT).value())
                    .getString("parameters.code");

            browser.findElement(By.id("code")).sendKeys(code);
            browser.findElement(By.id("verify-code")).click();

            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("verified")));
            assertThat(browser.findElement(By.id("verified")).getText()).isEqualTo("Identity verified");
        } finally {
            browser.quit();
        }
    }

    @Test
    void embeddedWidgetSpeaksGermanToAGermanBrowser() throws Exception {
        String question = "Sind meine Daten betroffen? " + UUID.randomUUID();
        ChromeDriver browser = Browser.start("de");
        try (WsClient agent = ChatTestSupport.agent(base, "widget-agent-de")) {
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
            browser.get(base.resolve("/widget/demo.html").toString());
            WebElement button = wait.until(ExpectedConditions.elementToBeClickable(By.id("candor-chat-button")));
            assertThat(button.getText()).isEqualTo("Chat mit uns");
            button.click();
            wait.until(ExpectedConditions.frameToBeAvailableAndSwitchToIt(By.id("candor-chat-frame")));
            wait.until(ExpectedConditions.textMatches(By.id("status"),
                    java.util.regex.Pattern.compile("Sie sind Nummer \\d+ in der Warteschlange, etwa \\d+ Min\\.")));
            assertThat(browser.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("de");
            assertThat(browser.findElement(By.id("send")).getText()).isEqualTo("Senden");
            assertThat(browser.findElement(By.id("text")).getAttribute("placeholder")).isEqualTo("Ihre Nachricht");

            browser.findElement(By.id("text")).sendKeys(question);
            browser.findElement(By.id("send")).click();
            // Stored once it comes back; only then is it in the transcript an agent gets.
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#messages li.customer"), question));
            JsonPath chat = awaitChatWith(agent, question);

            assertThat(chat.getString("locale")).isEqualTo("de");
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("status"), "Sie chatten mit widget-agent-de"));
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("messages"),
                    "widget-agent-de ist dem Chat beigetreten"));
        } finally {
            browser.quit();
        }
    }

    @Test
    void widgetFallsBackToEnglishForALanguageItDoesNotSpeak() {
        ChromeDriver browser = Browser.start("fr");
        try {
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
            browser.get(base.resolve("/widget/index.html").toString());

            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("status"), "You are number"));
            assertThat(browser.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("en");
            assertThat(browser.findElement(By.id("send")).getText()).isEqualTo("Send");
            assertThat(browser.findElement(By.id("request-code")).getText()).isEqualTo("Send me a code");
        } finally {
            browser.quit();
        }
    }

    @Test
    void langParameterWinsOverTheBrowserLanguage() {
        ChromeDriver browser = Browser.start("en");
        try {
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
            browser.get(base.resolve("/widget/index.html?lang=de").toString());

            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("status"), "Sie sind Nummer"));
            assertThat(browser.findElement(By.id("request-code")).getText()).isEqualTo("Code senden");
        } finally {
            browser.quit();
        }
    }

    @Test
    void widgetShowsAnOversizedMessageErrorNamingTheField() throws Exception {
        ChromeDriver browser = Browser.start("en");
        try {
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
            browser.get(base.resolve("/widget/index.html").toString());
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("status"), "You are number"));
            // The input stops at 2000 characters; a script sending more is answered with an error.
            browser.executeScript("document.getElementById('text').removeAttribute('maxlength');"
                    + "document.getElementById('text').value = 'x'.repeat(2001);");
            browser.findElement(By.id("send")).click();

            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("error"), "text is longer than 2000"));
        } finally {
            browser.quit();
        }
    }

    @Test
    void consoleTakesTheNextChatAndReplies() throws Exception {
        String question = "Do I need a new card? " + UUID.randomUUID();
        ChromeDriver browser = Browser.start("en");
        try (WsClient customer = ChatTestSupport.customer(base, null)) {
            customer.await("queued", WAIT);
            customer.send("{\"type\":\"message\",\"text\":\"" + question + "\"}");
            customer.await(f -> question.equals(f.getString("text")), WAIT);

            signIn(browser, "console-agent", Roles.SUPPORT_AGENT);
            takeUntilTranscriptShows(browser, question);

            browser.findElement(By.id("reply")).sendKeys("No, your card stays valid.");
            browser.findElement(By.id("send")).click();

            customer.await(f -> "message".equals(f.getString("type")) && "No, your card stays valid.".equals(f.getString("text")),
                    WAIT);
            assertThat(browser.findElement(By.id("transcript")).getText()).contains("Agent: No, your card stays valid.");
        } finally {
            browser.quit();
        }
    }

    @Test
    void consoleKeepsTheTokenInSessionStorageOnlyAndLoadsQueuesWithIt() {
        ChromeDriver browser = Browser.start("en");
        try {
            signIn(browser, "storage-agent", Roles.SUPPORT_AGENT);

            new WebDriverWait(browser, Duration.ofSeconds(20)).until(driver -> ((ChromeDriver) driver)
                    .findElements(By.cssSelector("#transfer-queue option[value='breach-hotline']")).size() == 1);
            assertThat(browser.executeScript("return sessionStorage.getItem('candor-console-token')")).isNotNull();
            assertThat(browser.executeScript("return localStorage.length")).isEqualTo(0L);
            assertThat(browser.findElement(By.id("token")).getAttribute("value")).isEmpty();
        } finally {
            browser.quit();
        }
    }

    @Test
    void consoleWithoutASupportRoleIsRefused() {
        ChromeDriver browser = Browser.start("en");
        try {
            browser.get(base.resolve("/console/index.html").toString());
            browser.findElement(By.id("token")).sendKeys(CandorTestResource.jwt().token("analyst-1",
                    Duration.ofMinutes(30), Roles.ANALYST));
            browser.findElement(By.id("connect")).click();

            new WebDriverWait(browser, Duration.ofSeconds(20)).until(ExpectedConditions
                    .textToBePresentInElementLocated(By.id("agent-status"), "Refused"));
            assertThat(browser.findElement(By.id("take-next")).isEnabled()).isFalse();
            assertThat(browser.executeScript("return sessionStorage.getItem('candor-console-token')")).isNull();
        } finally {
            browser.quit();
        }
    }

    @Test
    void consoleHandsTheChatBackToTheQueueForAnotherAgent() throws Exception {
        String question = "Can someone from billing help? " + UUID.randomUUID();
        ChromeDriver browser = Browser.start("en");
        try (WsClient customer = ChatTestSupport.customer(base, null);
                WsClient colleague = ChatTestSupport.agent(base, "colleague-agent")) {
            String sessionId = customer.await("queued", WAIT).getString("sessionId");
            customer.send("{\"type\":\"message\",\"text\":\"" + question + "\"}");
            customer.await(f -> question.equals(f.getString("text")), WAIT);
            signIn(browser, "handing-agent", Roles.SUPPORT_AGENT);
            takeUntilTranscriptShows(browser, question);

            browser.findElement(By.id("requeue")).click();

            new WebDriverWait(browser, Duration.ofSeconds(20)).until(ExpectedConditions
                    .textToBePresentInElementLocated(By.id("transcript"), "transferred to the queue breach-hotline"));
            JsonPath chat = ChatTestSupport.takeUntil(colleague, sessionId);
            assertThat(chat.getList("transcript.text")).contains(question);
        } finally {
            browser.quit();
        }
    }

    @Test
    void consoleEndsTheChat() throws Exception {
        String question = "That is all, thank you " + UUID.randomUUID();
        ChromeDriver browser = Browser.start("en");
        try (WsClient customer = ChatTestSupport.customer(base, null)) {
            customer.await("queued", WAIT);
            customer.send("{\"type\":\"message\",\"text\":\"" + question + "\"}");
            customer.await(f -> question.equals(f.getString("text")), WAIT);
            signIn(browser, "ending-agent", Roles.SUPPORT_AGENT);
            takeUntilTranscriptShows(browser, question);

            browser.findElement(By.id("end-chat")).click();

            customer.await("ended", WAIT);
            new WebDriverWait(browser, Duration.ofSeconds(20)).until(ExpectedConditions
                    .textToBePresentInElementLocated(By.id("transcript"), "chat ended"));
        } finally {
            browser.quit();
        }
    }

    private void signIn(ChromeDriver browser, String agent, String role) {
        browser.get(base.resolve("/console/index.html").toString());
        browser.findElement(By.id("token")).sendKeys(CandorTestResource.jwt().token(agent, Duration.ofMinutes(30), role));
        browser.findElement(By.id("connect")).click();
        new WebDriverWait(browser, Duration.ofSeconds(20)).until(ExpectedConditions
                .textToBePresentInElementLocated(By.id("agent-status"), "Connected as " + agent));
    }

    private static JsonPath awaitChatWith(WsClient agent, String question) {
        long deadline = System.currentTimeMillis() + 30_000;
        while (System.currentTimeMillis() < deadline) {
            try {
                return ChatTestSupport.takeUntil(agent, frame -> frame.getList("transcript.text").contains(question));
            } catch (AssertionError notYet) {
                sleep(300);
            }
        }
        throw new AssertionError("No chat with the widget's question came up");
    }

    private static void takeUntilTranscriptShows(WebDriver browser, String question) {
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
        for (int i = 0; i < 50; i++) {
            String before = textContent(browser, "chat-session");
            browser.findElement(By.id("take-next")).click();
            // Each click answers with the next chat (a new session id) or "No chat is waiting".
            wait.until(driver -> !textContent(driver, "chat-session").equals(before)
                    || textContent(driver, "error").contains("No chat"));
            if (textContent(browser, "transcript").contains(question)) {
                return;
            }
            if (textContent(browser, "error").contains("No chat")) {
                sleep(300);
            }
        }
        throw new AssertionError("The console never showed the customer's chat");
    }

    private static String textContent(WebDriver browser, String id) {
        return String.valueOf(browser.findElement(By.id(id)).getAttribute("textContent"));
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
