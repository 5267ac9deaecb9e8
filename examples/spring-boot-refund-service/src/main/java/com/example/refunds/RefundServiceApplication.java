package com.example.refunds;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** A team's refund service: everything refundkit needs comes from refundkit-spring-boot-starter and refundkit.*. */
@SpringBootApplication
public class RefundServiceApplication {

  public static void main(String[] args) {
    SpringApplication.run(RefundServiceApplication.class, args);
  }
}
