FROM ruby:3.3-slim
# want "GemNotPinned: gem install of gems 'bundler', 'rails' without a version"
RUN gem install --no-document bundler rake:13.2.1 rails

# versions per gem, for the whole command, or a local file
RUN gem install bundler:2.5.11 && gem install -v 7.1.3 rails && gem install --version=1.0 x ./vendor/app-1.0.gem

# option values are not gems
RUN gem install --install-dir /opt/gems --source https://rubygems.example.com nokogiri:1.16.5

# bundler installs from the Gemfile.lock
RUN bundle install && gem update --system

# want "GemNotPinned: gem i of gem 'foreman'"
ONBUILD RUN gem i foreman
