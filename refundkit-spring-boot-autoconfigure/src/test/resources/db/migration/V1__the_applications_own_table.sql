-- The application's own schema, migrated by Spring Boot's Flyway (RefundkitAutoConfigurationTest$Beside_the_applications_own_flyway).
CREATE TABLE app_order (id INT PRIMARY KEY);
